#!/bin/sh
# The Debian packages the tests use, installed when missing (as root, or
# through sudo), so that the README's test command gives a run with no skip:
# Raptor's rapper, an independent C parser the exports are read with
# (tests/test_query_export.py); Chromium, which opens kg serve's query page
# and kg docs' pages (tests/test_serve.py, tests/test_docs.py); Graphviz,
# whose dot draws kg docs' class diagram.
set -eu
missing=""
command -v rapper >/dev/null 2>&1 || missing="$missing raptor2-utils"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v dot >/dev/null 2>&1 || missing="$missing graphviz"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then as_root=""; elif command -v sudo >/dev/null 2>&1; then as_root="sudo"; else
  echo "tests need Debian packages:$missing (run as root, or install them)" >&2; exit 2; fi
echo "+ apt-get install$missing" >&2
$as_root apt-get update -qq >/dev/null
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $missing >/dev/null
