# Everyday commands; each runs from the repository root with the project virtualenv.
# `make bench BENCH_ARGS="--limit 100 --json"` passes options to bench/bench_code.py.
PY := .venv/bin/python

.PHONY: bench bench-api bench-code bench-geo bench-ingest bench-merge bench-spark test sample

bench: bench-code bench-geo bench-ingest bench-merge bench-api

bench-code:
	$(PY) bench/bench_code.py $(BENCH_ARGS)

bench-geo:
	$(PY) bench/bench_geo.py

bench-ingest:
	$(PY) bench/bench_ingest.py

bench-merge:
	$(PY) bench/bench_merge.py

bench-spark:
	$(PY) bench/bench_spark.py $(BENCH_ARGS)

bench-api:
	$(PY) bench/bench_api.py

test:
	.venv/bin/pytest -q

sample:
	.venv/bin/flashpoint code --sample --format table
