#!/usr/bin/env bash
# Builds a self-contained app image of Latent Studio with the JDK's jpackage:
#   packaging/jpackage.sh            -> target/dist/LatentStudio/bin/LatentStudio
# The image bundles a Java runtime, the jars of target/lib and the assets/ and models/ folders,
# and starts the studio window. (Installers: add --type deb or rpm where their tools exist.)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
mvn -B -q -DskipTests package
rm -rf target/dist target/jpackage-input
mkdir -p target/jpackage-input
cp target/latent-studio.jar target/lib/*.jar target/jpackage-input/
jpackage --type app-image --name LatentStudio --dest target/dist \
  --input target/jpackage-input --main-jar latent-studio.jar --main-class dev.latentstudio.cli.Main \
  --arguments ui --java-options "-Xmx8g -Dstudio.home=\$APPDIR/studio" \
  --app-content assets --app-content models --icon packaging/latent-studio.png
# --app-content puts the folders under lib/; the studio looks for them in $APPDIR/studio
mkdir -p target/dist/LatentStudio/lib/app/studio
mv target/dist/LatentStudio/lib/assets target/dist/LatentStudio/lib/models target/dist/LatentStudio/lib/app/studio/
echo "app image: target/dist/LatentStudio/bin/LatentStudio"
