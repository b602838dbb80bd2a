#!/usr/bin/env bash
# Builds a self-contained app image of Latent Studio with the JDK's jpackage:
#   packaging/jpackage.sh            -> target/dist/LatentStudio/bin/LatentStudio
# The image bundles a Java runtime, the jars of target/lib and the assets/ and models/ folders
# (under lib/app/studio, which the launcher passes as studio.home) and opens the studio window.
# Installers: add --type deb or --type rpm where dpkg-deb or rpmbuild is installed.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
mvn -B -q -DskipTests package
rm -rf target/dist target/jpackage-input
mkdir -p target/jpackage-input/studio
cp target/latent-studio.jar target/lib/*.jar target/jpackage-input/
cp -r assets models target/jpackage-input/studio/
jpackage --type app-image --name LatentStudio --dest target/dist \
  --input target/jpackage-input --main-jar latent-studio.jar --main-class dev.latentstudio.cli.Main \
  --arguments ui --java-options '-Xmx3g -Dstudio.home=$APPDIR/studio' --icon packaging/latent-studio.png
echo "app image: target/dist/LatentStudio/bin/LatentStudio"
