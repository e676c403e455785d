#!/usr/bin/env python3
"""Peers for `bitrix-emu bench`, on the bench's own snapshot file (docs/BENCHMARKS.md, "Peers beside the bench").

    python3 .ci/bench/bench-peers.py SNAPSHOT.json [--runs 3]

Prints one JSON object:
- orjson_loads_s / orjson_dumps_s: `orjson.loads` of the whole file and `orjson.dumps` of the result, with the
  garbage collector off (the fairest setting for a one-shot load), median of --runs;
- sqlite_*: the same orders in SQLite (one row per order: id, status, user_id, the order as JSON; an index on
  (status, id)), built in a temporary file (not timed), then in a fresh process: open + first page + COUNT
  (`sqlite_cold_start_s`, spawn to exit, with the `sqlite3` command-line shell when installed, else a python3
  child, whose interpreter start is then included), and in process the first page of active orders, newest 20
  (`sqlite_page_us`) and its total (`sqlite_count_us`), medians of 201 runs after 20 warm-up runs.

Needs python3 with orjson (`pip install orjson`); sqlite3 is in the standard library.
"""
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import orjson

ACTIVE = ("N", "AP", "CO", "DE")
PAGE = "SELECT id, body FROM orders WHERE status IN (?, ?, ?, ?) ORDER BY id DESC LIMIT 20"
COUNT = "SELECT COUNT(*) FROM orders WHERE status IN (?, ?, ?, ?)"


def median_seconds(body, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_microseconds(body):
    for _ in range(20):
        body()
    times = []
    for _ in range(201):
        start = time.perf_counter()
        body()
        times.append((time.perf_counter() - start) * 1e6)
    return statistics.median(times)


def build_sqlite(state, path):
    import sqlite3

    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL, user_id INTEGER, body TEXT NOT NULL)"
    )
    connection.execute("CREATE INDEX orders_status_id ON orders (status, id)")
    rows = (
        (order["id"], order["statusId"], order.get("userIdText"), orjson.dumps(order).decode())
        for order in state["payload"]["orders"]
    )
    with connection:
        connection.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", rows)
    connection.close()


def cold_start(path, runs):
    import shutil

    shell = shutil.which("sqlite3")
    if shell:
        statuses = ", ".join(f"'{status}'" for status in ACTIVE)
        script = PAGE.replace("?, ?, ?, ?", statuses) + ";\n" + COUNT.replace("?, ?, ?, ?", statuses) + ";\n"
        return median_seconds(
            lambda: subprocess.run([shell, path, script], check=True, stdout=subprocess.DEVNULL), runs
        )
    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        f"page = c.execute({PAGE!r}, {ACTIVE!r}).fetchall()\n"
        f"total = c.execute({COUNT!r}, {ACTIVE!r}).fetchone()[0]\n"
        "print(len(page), total)\n"
    )
    return median_seconds(
        lambda: subprocess.run([sys.executable, "-c", code, path], check=True, stdout=subprocess.DEVNULL), runs
    )


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: bench-peers.py SNAPSHOT.json [--runs N]")
    path = sys.argv[1]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    with open(path, "rb") as file:
        data = file.read()
    gc.disable()
    figures = {"snapshot_bytes": len(data)}
    figures["orjson_loads_s"] = round(median_seconds(lambda: orjson.loads(data), runs), 3)
    state = orjson.loads(data)
    figures["orjson_dumps_s"] = round(median_seconds(lambda: orjson.dumps(state), runs), 3)
    gc.enable()

    import sqlite3

    with tempfile.TemporaryDirectory(prefix="bench-peers-") as folder:
        database = os.path.join(folder, "orders.sqlite")
        build_sqlite(state, database)
        del state
        figures["sqlite_cold_start_s"] = round(cold_start(database, runs), 4)
        connection = sqlite3.connect(database)
        figures["sqlite_page_us"] = round(median_microseconds(lambda: connection.execute(PAGE, ACTIVE).fetchall()), 1)
        figures["sqlite_count_us"] = round(median_microseconds(lambda: connection.execute(COUNT, ACTIVE).fetchone()), 1)
        connection.close()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
