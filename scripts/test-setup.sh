#!/usr/bin/env bash
# Everything the tests need, installed by the project itself: the package with
# its test extras. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet ".[test]"
