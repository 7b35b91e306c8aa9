# whosaid: `make run` opens the chat on the bundled articles; `make test` runs the whole suite.
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOME_DIR ?= .whosaid

.PHONY: run test bench index clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

run: $(STAMP)
	@$(VENV)/bin/whosaid --home $(HOME_DIR) index status >/dev/null 2>&1 || \
		$(VENV)/bin/whosaid --home $(HOME_DIR) index rebuild data/articles
	$(VENV)/bin/whosaid --home $(HOME_DIR) chat

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/index_bench.py

clean:
	rm -rf $(VENV) $(HOME_DIR) .pytest_cache
