# Two commands for people: `make site` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: site serve test check schema bench bench-2000 system-deps clean

# Dates inside the output (sitemap, PDFs) come from the last commit: two builds of one commit match.
site: $(STAMP) system-deps
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 0)} $(VENV)/bin/guide build

serve: $(STAMP)
	$(VENV)/bin/guide serve

test: $(STAMP)
	$(PY) -m pytest

check: $(STAMP)
	$(VENV)/bin/guide check

schema: $(STAMP)
	$(VENV)/bin/guide schema

system-deps: $(STAMP)
	bash tools/install-system-deps.sh $(PY)

# Debian's python3 has no venv module until python3-venv is installed.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV) || { \
	  echo "installing python3-venv"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq python3-venv >/dev/null && \
	  $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

bench: $(STAMP)
	$(PY) benchmarks/site_bench.py
	$(PY) benchmarks/print_bench.py
	$(PY) benchmarks/check_bench.py
	$(PY) benchmarks/scale_bench.py

# The 2,000-procedure run takes tens of minutes on this 2-core machine.
bench-2000: $(STAMP)
	$(PY) benchmarks/scale_bench.py --n 100 500 2000

clean:
	rm -rf $(VENV) site .pytest_cache
