#!/usr/bin/env bash
# Builds Latent Studio's self-contained app image and, where dpkg-deb is installed, a .deb, with the JDK's jpackage:
#   packaging/jpackage.sh              -> target/dist/LatentStudio/bin/LatentStudio   (app image)
#                                         target/dist/latent-studio_VERSION_amd64.deb  (installs into /opt/latent-studio)
#   packaging/jpackage.sh --no-deb     the app image only
#   packaging/jpackage.sh --no-build   reuse target/latent-studio.jar and target/lib (no mvn package)
# The image bundles a Java runtime, the jars of target/lib and the assets/ and models/ folders (under lib/app/studio,
# which the launcher passes as studio.home). `LatentStudio` with no arguments opens the studio window (jpackage's
# --arguments are used only when none are given); `LatentStudio info`, `LatentStudio --help` run the command line.
# The launcher passes the JVM options of ./studio. It cannot set environment variables, so GOMP_SPINCOUNT=1000
# is set only by the .deb's menu entry (Exec=env GOMP_SPINCOUNT=1000 …); export it yourself in a terminal.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$here"
build=1 deb=1
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --no-deb) deb=0 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "jpackage.sh: unknown option $a (try --help)" >&2; exit 2 ;;
  esac
done
command -v jpackage >/dev/null || { echo "jpackage.sh: jpackage not found (it comes with JDK 17: apt-get install -y openjdk-17-jdk)" >&2; exit 1; }
[ "$build" = 0 ] || mvn -B -q -DskipTests package
[ -f target/latent-studio.jar ] && [ -d target/lib ] || { echo "jpackage.sh: target/latent-studio.jar or target/lib missing (run without --no-build)" >&2; exit 1; }

# the pom's version (filtered into version.properties at build time), -SNAPSHOT and other qualifiers stripped:
# jpackage and dpkg want a plain dotted number
pom_version="$(unzip -p target/latent-studio.jar dev/latentstudio/version.properties | sed -n 's/^version=//p' | tr -d '\r')"
version="${pom_version%%-*}"
[[ "$version" =~ ^[0-9]+(\.[0-9]+)*$ ]] || { echo "jpackage.sh: cannot make a package version of '$pom_version'" >&2; exit 1; }

name=LatentStudio
description="Watch neural networks dream: train a GAN and walk its latent space, run a classifier backwards, point a webcam at a visitor."
vendor="The Latent Studio developers"
common=(--name "$name" --app-version "$version" --description "$description" --vendor "$vendor"
        --copyright "Copyright (c) 2026 The Latent Studio developers (MIT)" --dest target/dist)

rm -rf target/dist target/jpackage-input
mkdir -p target/jpackage-input/studio target/dist
cp target/latent-studio.jar target/lib/*.jar target/jpackage-input/
cp -r assets models target/jpackage-input/studio/

# the same JVM options as ./studio (one --java-options each, so no value is split or joined by accident)
jpackage --type app-image "${common[@]}" \
  --input target/jpackage-input --main-jar latent-studio.jar --main-class dev.latentstudio.cli.Main \
  --arguments ui \
  --java-options -Xmx3g \
  --java-options -XX:SurvivorRatio=2 \
  --java-options -Dorg.bytedeco.javacpp.maxbytes=3G \
  --java-options -Dorg.bytedeco.javacpp.maxphysicalbytes=7G \
  --java-options -XX:+UnlockExperimentalVMOptions \
  --java-options -XX:+IgnoreUnrecognizedVMOptions \
  --java-options -XX:TrimNativeHeapInterval=5000 \
  --java-options '-Dstudio.home=$APPDIR/studio' \
  --java-options '-Djdk.serialFilter=!*' \
  --icon packaging/latent-studio.png
echo "app image: target/dist/$name/bin/$name ($(du -sh "target/dist/$name" | cut -f1))"

if [ "$deb" = 1 ]; then
  if ! command -v dpkg-deb >/dev/null; then
    echo "no dpkg-deb here: no .deb built (Debian/Ubuntu: apt-get install -y dpkg-dev fakeroot)" >&2
    exit 0
  fi
  if ! command -v fakeroot >/dev/null; then  # jpackage builds the .deb under fakeroot
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get install -y -q fakeroot >&2
    else echo "jpackage.sh: the .deb needs fakeroot (apt-get install -y fakeroot)" >&2; exit 1; fi
  fi
  # gzip, not dpkg-deb's default xz: the contents are mostly jars and compressed data already, and xz took over
  # 20 minutes here on two cores (export DPKG_DEB_COMPRESSOR_TYPE=xz for it)
  export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
  # from the app image just built (no second jlink); packaging/linux holds the menu entry's template
  jpackage --type deb "${common[@]}" --app-image "target/dist/$name" \
    --linux-package-name latent-studio --linux-app-category graphics \
    --linux-shortcut --linux-menu-group "Graphics;Science;ArtificialIntelligence;" \
    --linux-package-deps libgtk-3-0 \
    --license-file LICENSE --icon packaging/latent-studio.png --resource-dir packaging/linux
  deb_file="$(ls target/dist/latent-studio_*.deb)"
  echo ".deb: $deb_file ($(du -h "$deb_file" | cut -f1); sudo apt install ./$deb_file, then latent-studio is in the menu and /opt/latent-studio/bin/$name)"
fi
