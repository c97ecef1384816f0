#!/usr/bin/env bash
# One-shot setup and run: checks Java 17+ and Maven (installing them with apt-get on
# Debian/Ubuntu when it can), builds the project, then starts the live classifier.
# Arguments are passed on as configuration overrides, e.g.  ./setup_and_run.sh realtime.duration=10
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '[setup] %s\n' "$*"; }

java_major() {
  java -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1") ? v[2] : v[1]; exit}'
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

missing=()
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
  missing+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || missing+=(maven)
[ ${#missing[@]} -eq 0 ] || install_with_apt "${missing[@]}"
say "java $(java_major), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"

say "building (first run downloads the dependencies from Maven Central)"
mvn -B -q -DskipTests package

say "starting the live classifier"
exec mvn -B -q exec:java -Plisten -Dexec.args="$*"
