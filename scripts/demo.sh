#!/usr/bin/env bash
# Set up, then run the main job on the bundled example articles: extract and store into
# ./sitrep.db and print a summary table of events, claims and transfers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/sitrep ingest examples/ --db sitrep.db
