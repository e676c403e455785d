#!/usr/bin/env python3
"""Durable creates of bitrix-emu beside their peers, measured in one run, interleaved.

Each round runs `bitrix-emu bench --durable-only --json` (one client, then 32 clients on one durable store), then
inserts the same create bodies into SQLite 3 in WAL mode with synchronous=FULL, one transaction per order (the body
as JSON plus id, status, railway id and phone columns, each indexed), then a loop of write + fdatasync of 2.3 KB on
one file (the disk's floor for one durable append). Every figure is orders (or appends) per second over at most
--budget seconds (the bench gets the same budget for each of its durable measurements). Usage:

    swift build -c release --product bitrix-emu
    python3 .ci/bench/durability-bench.py --binary .build/release/bitrix-emu --orders 20000 --rounds 2
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time


def sqlite_peer(bodies, folder, budget):
    path = os.path.join(folder, "peer.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, railway_id INTEGER UNIQUE, status TEXT NOT NULL, "
        "phone TEXT, body TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX orders_status ON orders (status)")
    db.execute("CREATE INDEX orders_phone ON orders (phone)")
    rows = [(json.loads(body).get("railway_order_id"), json.loads(body).get("customer_phone"), body) for body in bodies]
    start = time.monotonic()
    done = 0
    for railway, phone, body in rows:
        db.execute("BEGIN")
        db.execute(
            "INSERT INTO orders (railway_id, status, phone, body) VALUES (?, 'N', ?, ?)", (railway, phone, body)
        )
        db.execute("COMMIT")
        done += 1
        if done % 100 == 0 and time.monotonic() - start > budget:
            break
    elapsed = time.monotonic() - start
    db.close()
    return done / elapsed


def fdatasync_floor(folder, budget, size=2300):
    path = os.path.join(folder, "floor.bin")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    chunk = b"x" * (size - 1) + b"\n"
    start = time.monotonic()
    done = 0
    while True:
        os.write(fd, chunk)
        os.fdatasync(fd)
        done += 1
        if done % 100 == 0 and time.monotonic() - start > budget:
            break
    elapsed = time.monotonic() - start
    os.close(fd)
    os.remove(path)
    return done / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/release/bitrix-emu")
    parser.add_argument("--orders", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per peer measurement at most")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="durability-bench-") as folder:
        payloads = os.path.join(folder, "payloads.jsonl")
        for round_number in range(1, arguments.rounds + 1):
            answer = subprocess.run(
                [arguments.binary, "bench", "--durable-only", "--json", "--orders", str(arguments.orders),
                 "--payloads-out", payloads, "--budget", str(int(arguments.budget))],
                check=True, capture_output=True, text=True,
            )
            figures = json.loads(answer.stdout)
            with open(payloads, encoding="utf-8") as handle:
                bodies = [line.rstrip("\n") for line in handle if line.strip()]
            figures["sqlite_wal_full_per_s"] = round(sqlite_peer(bodies, folder, arguments.budget))
            figures["fdatasync_floor_per_s"] = round(fdatasync_floor(folder, arguments.budget))
            figures["one_client_vs_sqlite"] = round(figures["durable_create_per_s"] / figures["sqlite_wal_full_per_s"], 3)
            figures["clients_32_vs_one"] = round(
                figures["durable_create_32_clients_per_s"] / figures["durable_create_per_s"], 2
            )
            if figures.get("open_after_clean_exit_s"):
                figures["open_journal_vs_clean_exit"] = round(
                    figures["open_journal_only_s"] / figures["open_after_clean_exit_s"], 2
                )
            figures["round"] = round_number
            print(json.dumps(figures, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
