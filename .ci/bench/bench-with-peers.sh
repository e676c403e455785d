#!/bin/sh
# Runs `bitrix-emu bench` (release build) and its peers on the bench's own snapshot, one after the other in one run,
# so that the figures share the machine's load (docs/BENCHMARKS.md, "Peers beside the bench").
#
#     .ci/bench/bench-with-peers.sh [ORDERS]      (default 100000)
set -eu
orders="${1:-100000}"
snapshot="$(mktemp -d)/bench-snapshot.json"
swift build -c release --product bitrix-emu >&2
.build/release/bitrix-emu bench --orders "$orders" --json --snapshot-out "$snapshot"
python3 "$(dirname "$0")/bench-peers.py" "$snapshot"
rm -f "$snapshot"
rmdir "$(dirname "$snapshot")"
