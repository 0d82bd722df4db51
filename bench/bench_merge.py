"""The store's write cost as it grows (target: time per article does not grow with the store).

    .venv/bin/python bench/bench_merge.py [--sizes 1000,10000,100000] [--articles 480] [--batch 48]
                                          [--growth time|dense] [--out bench/merge_curve.tsv]

Fills a fresh store with synthetic articles (bulk SQL: 40 countries, 8 event types, day-precision dates, one
event each), then at each size times ``Store.add_batch`` on batches of ``--batch`` new synthetic articles of 3
events each drawn from the same distribution (so some join stored events), which is the whole write of an
``ingest`` batch: the articles' identity checks (id, URL, text), their rows, the compatibility component search
and the re-clustering. Prints one line per size: stored events, median and 90th percentile milliseconds per
article (a batch's time over its articles). Coding an article does not depend on the store, so this curve is
what could make ingest slow down as the store fills.

``--growth time`` (the default) fills the store as news fills it: 30 events a day, so 100,000 events span nine
years and a new article's date falls anywhere in them; the events near a new one in time stay as many. ``--growth
dense`` keeps every size within the same ten years, so the events near a new one grow with the store; that curve
rises with the candidates any merge must read (an event is compared with the reports of its own days), not with
the size of the store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

COUNTRIES = 40
TYPES = ("ASSAULT", "ACCUSE", "CONSULT", "REQUEST", "THREATEN", "SANCTION", "AGREE", "PROTEST")
START = dt.date(2015, 1, 1)
DAYS = 3650  # the span of --growth dense
PER_DAY = 30  # events a day with --growth time


def _day(growth: str) -> str:
    """The SQL day offset of synthetic event i."""
    return f"CAST(i // {PER_DAY} AS INTEGER)" if growth == "time" else f"CAST(hash(i + 3) % {DAYS} AS INTEGER)"


def _fill(store, start: int, stop: int, growth: str = "time") -> None:
    """Stored events start..stop-1: each its own article and its own merged event (bulk SQL)."""
    con = store.con
    day = _day(growth)
    span = f"range({start}, {stop})"
    c = f"(hash(i) % {COUNTRIES})"
    actor = ("'[{\"code\": \"C' || " + c + " || '\", \"country\": \"C' || " + c +
             " || '\", \"id\": null, \"name\": null, \"sector\": null, \"text\": \"c\"}]'")
    target = actor.replace("hash(i)", "hash(i + 7)")
    types = "['" + "','".join(TYPES) + "']"
    con.execute(f"INSERT INTO articles SELECT 'a' || i, NULL, 's' || (i % 50), NULL, DATE '{START}' + "
                f"{day}, NULL, 'synthetic ' || i, 'bench', now(), 'h' || i, 1 FROM {span} t(i)")
    con.execute(f"INSERT INTO article_events SELECT 'u' || i, 'a' || i, 'u' || i, 's' || (i % 50), "
                f"{types}[1 + CAST(hash(i + 1) % {len(TYPES)} AS INTEGER)], NULL, [], '190', 4, -10.0, 'asserted', "
                f"DATE '{START}' + {day}, 'day', NULL, NULL, {actor}, {target}, "
                f"'bulk', 1, ['w' || CAST(hash(i + 5) % 1000 AS INTEGER), 'v' || CAST(hash(i + 9) % 1000 AS INTEGER)] "
                f"FROM {span} t(i)")
    con.execute("INSERT INTO events SELECT u.id, u.event, NULL, [], '190', 4, -10.0, 'asserted', u.date, 'day', NULL, "
                "1, 1, 1, 'bench', '', now() FROM article_events u WHERE u.coder = 'bulk' AND "
                f"CAST(substr(u.id, 2) AS BIGINT) BETWEEN {start} AND {stop - 1}")
    for role, column in (("actor", "actors"), ("recipient", "recipients")):
        con.execute(f"INSERT INTO event_actors SELECT u.id, '{role}', 0, 'c', "
                    f"json_extract_string(u.{column}, '$[0].code'), json_extract_string(u.{column}, '$[0].country'), "
                    "NULL, NULL, NULL FROM article_events u WHERE u.coder = 'bulk' AND "
                    f"CAST(substr(u.id, 2) AS BIGINT) BETWEEN {start} AND {stop - 1}")


def _article(rng: random.Random, n: int, span: int = DAYS):
    from flashpoint.model import Actor, Article, Event, EventCode, EventMention

    text = f"Synthetic report {n}."
    article = Article.from_text(text, id=f"new{n}", source=f"s{n % 50}", published=START)
    events, mentions = [], []
    for k in range(3):
        a, b = rng.randrange(COUNTRIES), rng.randrange(COUNTRIES)
        code = EventCode(rng.choice(TYPES), "190", 4, -10.0)
        date = START + dt.timedelta(days=rng.randrange(max(span, 1)))
        actors, recipients = [Actor("c", f"C{a}", f"C{a}")], [Actor("c", f"C{b}", f"C{b}")]
        mention = EventMention(article_id=article.id, sentence=text, start=0, end=len(text), trigger="x",
                               trigger_start=k, rule="bench", code=code, actors=actors, recipients=recipients,
                               date=date, date_precision="day", id=f"t{k}")
        events.append(Event(id=f"new{n}-{k}", code=code, status="asserted", actors=actors, recipients=recipients,
                            mentions=[mention], date=date, date_precision="day", coder="bench"))
        mentions.append(mention)
    return article, events, mentions


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--articles", type=int, default=480, help="new articles timed at each size")
    ap.add_argument("--batch", type=int, default=48, help="articles per write (ingest's batch_size)")
    ap.add_argument("--growth", choices=("time", "dense"), default="time")
    ap.add_argument("--out", default=None, help="also write the curve as TSV")
    args = ap.parse_args()
    from flashpoint.store import Store

    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(13)
    lines = ["stored_events\tmedian_ms_per_article\tp90_ms_per_article"]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.duckdb")
        filled, n = 0, 0
        for size in sizes:
            if size > filled:
                t = time.perf_counter()
                _fill(store, filled, size, args.growth)
                print(f"filled {size - filled} events in {time.perf_counter() - t:.1f} s")
                filled = size
            times = []
            for _ in range(max(1, args.articles // args.batch)):
                span = max(filled, PER_DAY) // PER_DAY if args.growth == "time" else DAYS
                batch = []
                for _ in range(args.batch):
                    batch.append(_article(rng, n, span))
                    n += 1
                t = time.perf_counter()
                store.add_batch(batch, coder="bench")  # what `ingest` does with each batch
                times.append((time.perf_counter() - t) * 1000 / len(batch))
            times.sort()
            stored = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
            line = f"{stored}\t{statistics.median(times):.1f}\t{times[int(0.9 * (len(times) - 1))]:.1f}"
            print(line)
            lines.append(line)
        store.close()
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
