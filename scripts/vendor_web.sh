#!/usr/bin/env bash
# Vendor the front-end data the web UI needs from the npm registry into sitrep/web/static/vendor/.
#
#   scripts/vendor_web.sh            # fetch world-atlas (country outlines, TopoJSON, ISC licence)
#
# Only `npm pack` is used (no install, no build, nothing from a CDN). The result is small
# (~110 kB) and committed, so running the web UI never needs the network; re-run this script to
# refresh it or change the pinned version.
set -euo pipefail

WORLD_ATLAS_VERSION="${WORLD_ATLAS_VERSION:-2.0.2}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/sitrep/web/static/vendor/world-atlas"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

command -v npm >/dev/null || { echo "error: npm is required (apt-get install -y npm)" >&2; exit 1; }

(cd "$tmp" && npm pack --silent "world-atlas@${WORLD_ATLAS_VERSION}" >/dev/null)
tar -xzf "$tmp"/world-atlas-*.tgz -C "$tmp"
mkdir -p "$dest"
cp "$tmp/package/countries-110m.json" "$dest/countries-110m.json"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
cat > "$dest/README.md" <<MD
world-atlas ${WORLD_ATLAS_VERSION} (https://www.npmjs.com/package/world-atlas), ISC licence (LICENSE).
countries-110m.json: Natural Earth 1:110m country outlines (public domain) as TopoJSON; feature ids
are ISO 3166-1 numeric codes. Vendored by scripts/vendor_web.sh; do not edit by hand.
MD
echo "vendored world-atlas ${WORLD_ATLAS_VERSION} into ${dest#$root/}"
