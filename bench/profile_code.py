"""cProfile of ``Coder.code_many`` over the benchmark corpus: where Flashpoint's own time goes.

    .venv/bin/python bench/profile_code.py [--limit 100] [--top 15] [--all]

Loads the coder and warms it up outside the profile, then profiles one pass over the first ``--limit`` articles of
the corpus bench_code.py uses, and prints the top functions by cumulative time, restricted to flashpoint's own
code unless ``--all``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from pathlib import Path

from bench_code import DATA, PUBLISHED, WARMUP, read_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--all", action="store_true", help="list spaCy and library functions too")
    args = ap.parse_args()

    from flashpoint.coder import Coder
    from flashpoint.model import Article

    articles = [Article.from_text(text, published=PUBLISHED) for _, text in read_corpus(Path(args.data))]
    coder = Coder()
    for _ in coder.code_many(articles[:WARMUP]):
        pass
    profile = cProfile.Profile()
    profile.enable()
    for _ in coder.code_many(articles[: args.limit]):
        pass
    profile.disable()
    stats = pstats.Stats(profile).sort_stats("cumulative")
    stats.print_stats(*(() if args.all else (r"flashpoint",)), args.top)


if __name__ == "__main__":
    main()
