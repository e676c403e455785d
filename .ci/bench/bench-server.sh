#!/usr/bin/env bash
# Load figures for docs/BENCHMARKS.md ("The server on a port"): wrk on loopback against a release build of
# bitrix-emu-server, each figure next to GET /__emu/ping on the same server as the ceiling.
#   .ci/bench/bench-server.sh STATE_FOLDER_WITH_20000_ORDERS [DURATION_SECONDS]
# Make the state with:  swift run -c release bitrix-emu load --state /tmp/bench/state20k --count 20000 --seed 7
set -euo pipefail
cd "$(dirname "$0")/../.."
SOURCE_STATE=$1
DURATION=${2:-10}
TOKEN=dev-token-NOT-A-SECRET
BIN=Server/.build/release/bitrix-emu-server
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

start() {  # start OUT ARGS... ; sets BASE and PID
    local out=$1; shift
    "$BIN" --port 0 --now 2025-10-20T10:00:00+05:00 "$@" >"$out" 2>/dev/null &
    PID=$!
    for _ in $(seq 1 600); do grep -q '^listening on ' "$out" 2>/dev/null && break; sleep 0.1; done
    BASE=$(sed -n 's/^listening on //p' "$out")
}
rate() {  # rate NAME WRK-ARGS... : prints "NAME requests/s"
    local name=$1; shift
    local result
    result=$(wrk --latency -d "${DURATION}s" "$@")
    local rps p99 errors
    rps=$(printf '%s\n' "$result" | sed -n 's/^Requests\/sec: *//p')
    p99=$(printf '%s\n' "$result" | sed -n 's/^ *99% *//p')
    errors=$(printf '%s\n' "$result" | sed -n 's/^ *Non-2xx or 3xx responses: *//p')
    printf '%-48s %10s req/s   p99 %8s   non-2xx %s\n' "$name" "$rps" "$p99" "${errors:-0}"
}

cp -r "$SOURCE_STATE" "$WORK/state"
rm -f "$WORK/state/LOCK"
start "$WORK/a.out" --state "$WORK/state"
ORDERS=$(curl -s "$BASE/__emu/health")
echo "durable server, $ORDERS"
ID=10000
rate "GET /__emu/ping (ceiling)" -t2 -c32 "$BASE/__emu/ping"
rate "GET /api/v2/orders/$ID" -t2 -c32 "$BASE/api/v2/orders/$ID?access_token=$TOKEN"
rate "GET /api/v2/orders?limit=20" -t2 -c32 "$BASE/api/v2/orders?limit=20&access_token=$TOKEN"
rate "GET /__emu/ping (ceiling, again)" -t2 -c32 "$BASE/__emu/ping"
rate "durable POST create, 1 connection" -t1 -c1 -s .ci/bench/create.lua "$BASE/api/v2/orders/create?access_token=$TOKEN"
rate "durable POST create, 32 connections" -t2 -c32 -s .ci/bench/create.lua "$BASE/api/v2/orders/create?access_token=$TOKEN"
curl -s "$BASE/__emu/state" -o "$WORK/snapshot.json"
kill -TERM "$PID"; wait "$PID" || true

start "$WORK/b.out"
curl -s -X POST --data-binary @"$WORK/snapshot.json" "$BASE/__emu/reset" >/dev/null
echo "in-memory server, $(curl -s "$BASE/__emu/health")"
rate "GET /__emu/ping (ceiling)" -t2 -c32 "$BASE/__emu/ping"
rate "in-memory POST create, 32 connections" -t2 -c32 -s .ci/bench/create.lua "$BASE/api/v2/orders/create?access_token=$TOKEN"
rate "in-memory POST create, 1 connection" -t1 -c1 -s .ci/bench/create.lua "$BASE/api/v2/orders/create?access_token=$TOKEN"
kill -TERM "$PID"; wait "$PID" || true
