#!/usr/bin/env bash
# The test command from the README: set up .venv, make sure Postgres is installed, lint, type-check
# and run the whole suite (unit + integration + notebooks). Works offline once packages are installed.
set -euo pipefail
cd "$(dirname "$0")/.."

export LANGGRAPH_CLI_NO_ANALYTICS=1 LANGGRAPH_NO_VERSION_CHECK=1 LANGSMITH_TEST_TRACKING=false
unset LANGSMITH_TRACING LANGCHAIN_TRACING_V2 OPENAI_API_KEY OPENAI_BASE_URL || true

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"

# The Postgres tests start a private cluster (initdb + pg_ctl on 127.0.0.1); they need the binaries.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's postgresql package for the Postgres tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || echo "warning: could not install postgresql"
  fi
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/pytest -q -p no:cacheprovider "$@"
