#!/usr/bin/env bash
# A virtual microphone for machines without sound hardware (servers, containers, CI), as
# DESIGN.md describes: PulseAudio as the current user (root works too) with a null sink 'vsink'
# and a source 'vmic' that records the sink's monitor, both made the defaults. Java Sound's
# 'default [default]' device then records whatever `paplay -d vsink FILE.wav` plays, in real time.
#
#   .ci/virtual-mic.sh start     # starts it; prints the XDG_RUNTIME_DIR to export
#   .ci/virtual-mic.sh stop      # pactl exit
#
# RATE (default 22050) sets the devices' sample rate. Needs pulseaudio and pulseaudio-utils
# (Debian/Ubuntu: apt-get install --no-install-recommends pulseaudio pulseaudio-utils).
# The end-to-end test (PulseAudioEndToEndTest) starts its own daemon the same way.
set -euo pipefail
rate=${RATE:-22050}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/musicspeech-pulse-$(id -u)}

case "${1:-}" in
  start)
    for tool in pulseaudio pactl paplay; do
      command -v "$tool" >/dev/null 2>&1 || {
        echo "$tool is not installed (Debian/Ubuntu: apt-get install --no-install-recommends pulseaudio pulseaudio-utils)" >&2
        exit 1
      }
    done
    mkdir -p "$XDG_RUNTIME_DIR"
    chmod 700 "$XDG_RUNTIME_DIR"
    if pactl info >/dev/null 2>&1; then
      # A server runs already: add the virtual devices to it.
      pactl list short sinks | grep -qw vsink || pactl load-module module-null-sink sink_name=vsink rate="$rate" channels=1 >/dev/null
      pactl list short sources | grep -qw vmic || pactl load-module module-remap-source master=vsink.monitor source_name=vmic >/dev/null
    else
      # -n: no default.pa (no hardware modules); never exit when idle.
      pulseaudio --daemonize=yes --exit-idle-time=-1 -n \
        --log-target=file:"$XDG_RUNTIME_DIR/pulseaudio.log" \
        --load=module-native-protocol-unix \
        --load="module-null-sink sink_name=vsink rate=$rate channels=1" \
        --load="module-remap-source master=vsink.monitor source_name=vmic"
      for _ in $(seq 1 50); do pactl info >/dev/null 2>&1 && break; sleep 0.2; done
    fi
    pactl set-default-sink vsink
    pactl set-default-source vmic
    echo "virtual microphone 'vmic' ready ($rate Hz mono); in your shell: export XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR"
    echo "play into it with: paplay -d vsink FILE.wav"
    ;;
  stop)
    pactl exit
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
