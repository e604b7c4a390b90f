#!/usr/bin/env bash
# Renders icons/promdeck.svg to the sizes each platform needs. Needs Debian's librsvg2-bin, icoutils, icnsutils.
# The outputs are committed; run this again only after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p png
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" promdeck.svg -o "png/promdeck-$size.png"
done
icotool -c -o promdeck.ico png/promdeck-{16,24,32,48,64,128,256}.png
png2icns promdeck.icns png/promdeck-{16,32,48,128,256,512,1024}.png >/dev/null
echo "rendered: $(ls png | tr '\n' ' ') promdeck.ico promdeck.icns"
