"""A bounded load test of `GET /api/events` while an ingest writes to the same database (issue 17).

    .venv/bin/python bench/bench_api.py [--requests 400] [--clients 4] [--articles 300] [--json]

Loopback only, a fixed number of requests, stops by itself. In one run it:

1. ingests a first slice of synthetic articles (`flashpoint ingest`), so the API has events to serve;
2. starts `flashpoint serve --port 0` on 127.0.0.1 and reads the port it names;
3. starts a second `flashpoint ingest` of the rest of the articles (batches of 8: many short writes), and while it
   runs sends ``--requests`` requests `GET /api/events?limit=50` from ``--clients`` threads (urllib, one connection
   per request);
4. stops the server (SIGTERM) and reports: requests, errors (any status but 200, any connection failure),
   p50/p99 latency in ms and requests/s, and whether the ingest finished cleanly.

Synthetic articles (one sentence each, countries and days drawn from a fixed seed) are fine here: what is measured
is the store's reads under writes, not the coder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

COUNTRIES = ["Pakistan", "Iran", "India", "Israel", "Turkey", "Egypt", "Kenya", "Nigeria", "Sudan", "Yemen"]
VERBS = ["attacked", "condemned", "struck", "criticised", "threatened", "met"]


def write_articles(path: Path, start: int, stop: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for i in range(start, stop):
            a, b = rng.sample(COUNTRIES, 2)
            day = 1 + i % 28
            text = f"{a}'s army {VERBS[i % len(VERBS)]} positions held by {b} on {day} March 2024, officials said."
            out.write(json.dumps({"id": f"load-{i}", "text": text, "published": "2024-03-30"}) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    exe = str(Path(sys.executable).with_name("flashpoint"))
    env = {**os.environ, "FLASHPOINT_CONFIG": ""}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "load.duckdb"
        first, rest = folder / "first.jsonl", folder / "rest.jsonl"
        write_articles(first, 0, args.articles // 3)
        write_articles(rest, args.articles // 3, args.articles)
        subprocess.run([exe, "ingest", str(first), "--db", str(db), "--quiet"], check=True, env=env, timeout=900)

        server = subprocess.Popen([exe, "serve", "--db", str(db), "--port", "0"], stderr=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, text=True, env=env)
        url = None
        for line in server.stderr:
            if line.startswith("serving "):
                url = line.split(" at ", 1)[1].split()[0]
                break
        if url is None:
            server.kill()
            sys.exit("bench_api: the server did not start")
        log: list[str] = []
        threading.Thread(target=lambda: log.extend(server.stderr), daemon=True).start()  # drain its log
        ready_by = time.monotonic() + 60
        while time.monotonic() < ready_by:  # "serving" is said once the port is bound; wait until it answers
            try:
                with urllib.request.urlopen(url.replace("/api/events", "/openapi.json"), timeout=5):
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        writer = subprocess.Popen([exe, "ingest", str(rest), "--db", str(db), "--batch-size", "8", "--quiet"],
                                  stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)

        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        todo = iter(range(args.requests))

        def client() -> None:
            while True:
                with lock:
                    if next(todo, None) is None:
                        return
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(f"{url}?limit=50", timeout=60) as answer:
                        body = json.load(answer)
                        ok = answer.status == 200 and body.get("ok") is True
                except (urllib.error.URLError, OSError, ValueError) as exc:
                    ok, body = False, str(exc)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors.append(str(body)[:200])

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        ingest_running_at_end = writer.poll() is None
        _, writer_err = writer.communicate(timeout=900)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)

    latencies.sort()
    result = {"requests": len(latencies), "errors": len(errors), "clients": args.clients,
              "p50_ms": round(statistics.median(latencies), 1),
              "p99_ms": round(latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], 1),
              "requests_per_s": round(len(latencies) / wall, 1), "ingest_exit": writer.returncode,
              "ingest_still_running_when_reads_ended": ingest_running_at_end}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['requests']} GET /api/events from {args.clients} clients during an ingest: "
              f"{result['errors']} errors, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
              f"{result['requests_per_s']} requests/s; ingest exit {writer.returncode}"
              + (" (it was still writing when the reads ended)" if ingest_running_at_end else ""))
        for error in errors[:5]:
            print("  error:", error)
        if errors:
            print("  server log (end):", "".join(log[-10:]))
    if writer.returncode != 0:
        print(writer_err[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
