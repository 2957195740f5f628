#!/usr/bin/env bash
# Fetches the prebuilt OHIF viewer (@ohif/app, pinned) into a cache folder and relocates it under /viewer/, where
# Airadcr.Web serves it (same origin as the /dicom-web proxy: Orthanc sends no CORS headers). Idempotent: does
# nothing when that version is already there. The Web reads the folder from Web:Viewer:Path (this default).
#   eng/fetch-ohif.sh [target-folder]
set -euo pipefail

version=3.13.2
base=/viewer/
target=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/airadcr/ohif-$version}

if [ -f "$target/.airadcr-ohif" ] && [ "$(cat "$target/.airadcr-ohif")" = "$version $base" ]; then
  echo "fetch-ohif: @ohif/app@$version already in $target"
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "fetch-ohif: npm not found (apt-get install -y --no-install-recommends npm)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "fetch-ohif: npm pack @ohif/app@$version"
(cd "$work" && npm pack --silent "@ohif/app@$version" >/dev/null && tar xzf "ohif-app-$version.tgz")
dist="$work/package/dist"

# The ONNX runtime (136 MB, segmentation helpers) and source maps are not used by our viewing.
rm -rf "$dist/ort" "$dist/app-config.js"
find "$dist" -name '*.map' -delete

# The build expects to sit at the origin's root: move its public path to $base (page links, webpack chunk loading).
sed -i -e "s#\\(href\\|src\\)=\"/#\\1=\"$base#g" -e "s#window.PUBLIC_URL=\"/\"#window.PUBLIC_URL=\"$base\"#g" "$dist/index.html"
grep -l '__webpack_require__.p = "/"' "$dist"/*.js | xargs -r sed -i "s#__webpack_require__.p = \"/\"#__webpack_require__.p = \"$base\"#"
echo "$version $base" > "$dist/.airadcr-ohif"

mkdir -p "$(dirname "$target")"
rm -rf "$target.partial" "$target"
mv "$dist" "$target.partial"
mv "$target.partial" "$target"
echo "fetch-ohif: @ohif/app@$version in $target"
