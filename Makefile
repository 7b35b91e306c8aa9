# whosaid: `make run` opens the chat on the bundled articles; `make test` runs the whole suite.
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOME_DIR ?= .whosaid

.PHONY: run test bench index clean stress

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev,ingest,llama-index]'
	touch $@

run: $(STAMP)
	@$(VENV)/bin/whosaid --home $(HOME_DIR) index status >/dev/null 2>&1 || \
		$(VENV)/bin/whosaid --home $(HOME_DIR) index rebuild data/articles
	$(VENV)/bin/whosaid --home $(HOME_DIR) chat

test: $(STAMP)
	$(PY) -m pytest

# llama-index baseline (issue 14) in its own venv, so its pins never meet the app's. torch goes in first and is
# held by a constraint: an unpinned torch would pull the CUDA build.
LLAMA_VENV  := bench/.venv-llama
LLAMA_PY    := $(LLAMA_VENV)/bin/python
LLAMA_STAMP := $(LLAMA_VENV)/.installed-stamp

.PHONY: bench-llama-env bench-llama

$(LLAMA_STAMP): bench/requirements-llama.txt
	test -x $(LLAMA_PY) || python3 -m venv $(LLAMA_VENV)
	$(LLAMA_PY) -m pip install -q --disable-pip-version-check torch==2.13.0
	echo torch==2.13.0 > $(LLAMA_VENV)/constraints.txt
	$(LLAMA_PY) -m pip install -q --disable-pip-version-check -c $(LLAMA_VENV)/constraints.txt -r bench/requirements-llama.txt
	touch $@

bench-llama-env: $(LLAMA_STAMP)

bench-llama: $(LLAMA_STAMP)
	$(LLAMA_PY) bench/llama_bench.py --limit 500

bench: $(STAMP) $(LLAMA_STAMP)
	$(LLAMA_PY) bench/llama_bench.py --limit 500
	$(PY) bench/index_bench.py

# issue 18's battery at full size (about 40 minutes on 2 cores): kill -9, 32 clients, readers during rebuilds, two
# rebuilds at once, 20 rebuilds and the home's size, XSS in chromium; then the hostile-file set. Each prints
# tried / passed / failed; the table is also in bench/out/stress.json.
stress: $(STAMP)
	$(PY) bench/stress/run_all.py
	@if [ -f bench/stress/hostile.py ]; then $(PY) bench/stress/hostile.py --count 1000; fi

clean:
	rm -rf $(VENV) $(HOME_DIR) .pytest_cache
