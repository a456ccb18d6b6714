#!/bin/sh
# `make run`: migrate, load the demo RFCs and an admin (idempotent), then serve.
# Settings come from the environment; see docs/web.md. The Makefile has already made .venv.
set -e
BIN="${VENV:-.venv}/bin"
BIND="${DOCKET_BIND:-127.0.0.1:8000}"

"$BIN/docket" migrate --quiet
"$BIN/docket" demo
echo "Docket is starting on http://$BIND (Ctrl-C stops it)"
exec "$BIN/docket" serve --bind "$BIND" --workers "${DOCKET_WORKERS:-2}"
