#!/usr/bin/env bash
# One-shot setup and run: checks Java 17+ and Maven (installing them, and espeak-ng for the demo
# clip, with apt-get on Debian/Ubuntu when it can), builds the project, makes sure there is a
# model, then starts the live classifier. With no microphone (a server, a container) it streams a
# demo clip the project synthesises (espeak-ng speech, then MIDI music) instead.
# Arguments are passed on as configuration overrides, e.g.  ./setup_and_run.sh realtime.duration=10
# Elsewhere, install a JDK 17+, Apache Maven 3.8+ and (for the demo clip) espeak-ng yourself.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '[setup] %s\n' "$*"; }

java_major() {
  java -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1") ? v[2] : v[1]; exit}'
}

can_apt() {
  command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }
}

install_with_apt() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "apt-get is not available: install $* with your package manager (Java 17 or newer, Apache Maven 3.8+) and run again."
    exit 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "need root or sudo to install $*"; exit 1; }
    sudo="sudo"
  fi
  say "installing $* with apt-get"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

has_override() { # has_override key: whether the arguments set key=...
  local arg
  for arg in "${args[@]}"; do
    case "$arg" in "$1="*) return 0 ;; esac
  done
  return 1
}

args=("$@")

missing=()
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
  missing+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || missing+=(maven)
# espeak-ng speaks the demo clip; only worth installing where apt-get can.
if ! command -v espeak-ng >/dev/null 2>&1 && can_apt; then
  missing+=(espeak-ng)
fi
[ ${#missing[@]} -eq 0 ] || install_with_apt "${missing[@]}"
command -v espeak-ng >/dev/null 2>&1 || say "espeak-ng is not installed: the demo clip (realtime.input=demo) will not work without it"
say "java $(java_major), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"

say "building (first run downloads the dependencies from Maven Central)"
mvn -B -q -DskipTests package

# A model: the shipped one (models.shipped), else the original project's (models.original),
# else train one from data/raw if there is data. Paths are the defaults of config/config.yaml.
shipped=models/model.zip
original=../shared/seed-model/model.keras
if has_override realtime.model; then
  say "model: as given on the command line"
elif [ -f "$shipped" ]; then
  say "model: $shipped (the shipped model)"
elif [ -f "$original" ]; then
  say "model: $original (the original project's model; no $shipped yet)"
elif [ -n "$(find data/raw -mindepth 2 -type f 2>/dev/null | head -1)" ]; then
  say "no model yet: preparing data/raw and training one (this takes a while)"
  mvn -B -q exec:java -Pprepare
  mvn -B -q exec:java -Ptrain -Dexec.args="train.export=true"
else
  say "no model: neither $shipped nor $original exists, and data/raw holds no audio to train one."
  say "Put labelled audio in data/raw/music and data/raw/speech and run again, or pass realtime.model=PATH."
  exit 1
fi

# No microphone: stream the synthesised demo clip through the same pipeline instead.
if ! has_override realtime.input; then
  if ! devices=$(mvn -B -q exec:java -Dstage=devices 2>&1); then
    printf '%s\n' "$devices" | sed 's/\x1b\[[0-9;]*m//g; /^$/d; s/^/[setup] /'
    say "so streaming the synthesised demo clip instead (realtime.input=demo)"
    args=(realtime.input=demo "${args[@]}")
  fi
fi

say "starting the live classifier"
exec mvn -B -q exec:java -Plisten -Dexec.args="${args[*]}"
