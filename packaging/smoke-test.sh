#!/usr/bin/env bash
# Smoke test of the packages: builds them (packaging/jpackage.sh), copies the app image and unpacks the .deb
# (dpkg-deb -x, no system install) into a fresh temporary folder, and with each installed launcher runs `info`
# (backend, bundled models' folder), `--version` and `--help`; then opens the window of the .deb's launcher
# (the app image's where no .deb was built) under Xvfb, waits for a window named "Latent Studio", screenshots the
# screen (target/smoke/window.png), checks it is not blank and closes the studio. Exits non-zero on any failure.
#   packaging/smoke-test.sh              build, then test
#   packaging/smoke-test.sh --no-build   test what target/dist holds (packaging/jpackage.sh already ran)
# Needs xvfb-run, xdotool and ImageMagick (installed with apt-get when missing and run as root).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"

fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }

if [ "${1:-}" = --inside-xvfb ]; then
  # the window check, run by xvfb-run below: $2 the launcher, $3 the folder for the screenshot and the log
  launcher="$2" out="$3"
  "$launcher" >"$out/window.log" 2>&1 &   # no arguments: the launcher's default (ui) opens the window
  pid=$!
  trap 'kill -KILL $pid 2>/dev/null || true' EXIT
  wid=""
  for _ in $(seq 1 180); do
    wid="$(xdotool search --onlyvisible --name '^Latent Studio' 2>/dev/null | head -1 || true)"
    [ -n "$wid" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$out/window.log" >&2; fail "the launcher exited before a window appeared"; }
    sleep 1
  done
  [ -n "$wid" ] || { cat "$out/window.log" >&2; fail "no window named 'Latent Studio' within 180 s"; }
  echo "window: '$(xdotool getwindowname "$wid")' $(xdotool getwindowgeometry "$wid" | sed -n 's/.*Geometry: //p')"
  sleep 15   # the studio loads its generator and draws the first samples after the window shows
  kill -0 "$pid" 2>/dev/null || { cat "$out/window.log" >&2; fail "the studio died after opening its window"; }
  import -window root "$out/window.png"
  colours="$(identify -format %k "$out/window.png")"
  echo "screenshot: $out/window.png, $(identify -format '%wx%h' "$out/window.png"), $colours distinct colours"
  [ "$colours" -ge 64 ] || fail "the screenshot looks blank ($colours colours)"
  kill -TERM "$pid"   # no window manager to close it politely: the JVM's shutdown on SIGTERM
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then fail "the studio did not exit within 30 s of SIGTERM"; fi
  rc=0; wait "$pid" || rc=$?
  echo "closed (exit status $rc after SIGTERM)"
  [ "$rc" = 0 ] || [ "$rc" = 143 ] || { cat "$out/window.log" >&2; fail "the studio exited with status $rc"; }
  exit 0
fi

cd "$here"
build=(); [ "${1:-}" = --no-build ] && build=(--no-build)
missing=()
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
command -v import >/dev/null || missing+=(imagemagick)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || fail "install ${missing[*]} first"
  apt-get install -y -q "${missing[@]}" >&2
fi

if [ "${#build[@]}" = 0 ]; then packaging/jpackage.sh; fi
[ -x target/dist/LatentStudio/bin/LatentStudio ] || fail "no app image in target/dist (run packaging/jpackage.sh)"
pom_version="$(unzip -p target/latent-studio.jar dev/latentstudio/version.properties | sed -n 's/^version=//p' | tr -d '\r')"

tmp="$(mktemp -d /tmp/latent-studio-smoke.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p target/smoke "$tmp/data"
rm -f target/smoke/window.png target/smoke/window.log
export LATENT_STUDIO_DATA="$tmp/data"   # the user's models, galleries and logs: nothing lands in ~/.latent-studio

echo "== app image: $(du -sh target/dist/LatentStudio | cut -f1) on disk"
cp -a target/dist/LatentStudio "$tmp/app-image"
launchers=("$tmp/app-image/bin/LatentStudio")
deb="$(ls target/dist/latent-studio_*.deb 2>/dev/null | head -1 || true)"
if [ -n "$deb" ]; then
  echo "== .deb: $deb, $(ls -l "$deb" | awk '{print $5}') bytes"
  dpkg-deb -f "$deb" Package Version Architecture Depends Section Installed-Size
  dpkg-deb -x "$deb" "$tmp/deb-root"
  app="$tmp/deb-root/opt/latent-studio"
  [ -x "$app/bin/LatentStudio" ] || fail "the .deb holds no /opt/latent-studio/bin/LatentStudio"
  desktop="$app/lib/latent-studio-LatentStudio.desktop"
  [ -f "$desktop" ] || fail "the .deb holds no menu entry ($desktop)"
  grep -q '^Name=Latent Studio$' "$desktop" || fail "menu entry without Name=Latent Studio"
  grep -q '^Exec=env GOMP_SPINCOUNT=1000 /opt/latent-studio/bin/LatentStudio' "$desktop" || fail "menu entry's Exec line: $(grep ^Exec "$desktop")"
  [ -f "$app/lib/LatentStudio.png" ] || fail "the .deb holds no icon"
  grep -q 'MIT License' "$app/share/doc/copyright" || fail "the .deb holds no copyright file with the licence"
  echo "menu entry: $(grep -E '^(Exec|Categories)=' "$desktop" | tr '\n' ' ')"
  launchers+=("$app/bin/LatentStudio")
else
  echo "== no .deb in target/dist (no dpkg-deb?): the app image only"
fi

for launcher in "${launchers[@]}"; do
  root="$(dirname "$(dirname "$launcher")")"
  echo "== $launcher info"
  info="$("$launcher" info)" || fail "$launcher info failed"
  echo "$info"
  backend="$(sed -n 's/^backend  *//p' <<<"$info")"
  models="$(sed -n 's/^models  *//p' <<<"$info")"
  [ -n "$backend" ] || fail "info printed no backend"
  [ "$models" = "$root/lib/app/studio/models" ] || fail "info's models folder is '$models', not the bundled $root/lib/app/studio/models"
  [ -d "$models" ] || fail "$models does not exist"
  grep -q '^generators .*dcgan' <<<"$info" || fail "info lists no bundled generator"
  version="$("$launcher" --version)" || fail "$launcher --version failed"
  echo "--version: $version"
  [ "$version" = "Latent Studio $pom_version (Java $(sed -n 's/^java  *//p' <<<"$info"))" ] || fail "--version printed '$version'"
  "$launcher" --help | grep -qE '^ +ui +Open the studio window' || fail "--help lists no ui command"
  echo "--help: lists the commands"
done

echo "== window of ${launchers[-1]} under Xvfb"
xvfb-run -a -s "-screen 0 1600x1000x24" "$here/packaging/smoke-test.sh" --inside-xvfb "${launchers[-1]}" "$here/target/smoke"
echo "SMOKE TEST PASSED"
