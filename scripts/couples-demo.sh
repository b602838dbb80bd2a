#!/usr/bin/env bash
# pix2pix's couples layout on the bundled sample photos (docs/pix2pix-couples.md): neighbouring faces of each group
# photo become synthetic couple photos, sample6's couples are held out, pix2pix learns left face → right face (both
# directions), then held-out L1/SSIM and the recogniser's distance to the true partner against the mean face.
#   scripts/couples-demo.sh [OUT] [STEPS]      (default /tmp/couples-demo, 300 steps; CPU: a few minutes)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
out="${1:-/tmp/couples-demo}"
steps="${2:-300}"
cd "$here"
[ -f target/latent-studio.jar ] || mvn -B -q -DskipTests package
demo=(java -Xmx3g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/latent-studio.jar:target/lib/*" scripts/CouplesDemo.java)
rm -rf "$out"
"${demo[@]}" compose assets/faces "$out/photos" sample6
./studio train-pix2pix --data "$out/photos/train" --layout couples --both-directions --size 64 --filters 16 --d-filters 16 \
  --steps "$steps" --preview-every 100 --checkpoint-every 1000 --out "$out/model"
./studio evaluate-pix2pix -m "$out/model" --data "$out/photos/held" --layout couples --both-directions
"${demo[@]}" measure "$out/model" "$out/photos/train" "$out/photos/held" "$out/held-out.png"
