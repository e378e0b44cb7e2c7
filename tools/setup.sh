#!/usr/bin/env bash
# Installs what the build and tests need beyond the .NET SDK, and says what it installs.
# Today: libpcap0.8 (SharpPcap loads libpcap.so at run time for capture and pcap files) and prometheus
# (the metrics test starts a real Prometheus on loopback to scrape `sdnctl run --metrics-port`), tshark (the
# `run --capture` test reads the written pcaps with it; brings mergecap for `bench classify`) and libndpi-bin
# (ndpiReader, the anchor of `sdnctl bench classify`; small, so not split into a bench-only step).
set -euo pipefail

need=()
if ! ldconfig -p 2>/dev/null | grep -q 'libpcap\.so'; then need+=(libpcap0.8); fi
if ! command -v prometheus >/dev/null; then need+=(prometheus); fi
if ! command -v tshark >/dev/null; then need+=(tshark); fi
if ! command -v ndpiReader >/dev/null; then need+=(libndpi-bin); fi

if ((${#need[@]} == 0)); then
  echo "setup: system packages present (libpcap0.8, prometheus, tshark, libndpi-bin)"
  exit 0
fi

echo "setup: installing Debian packages: ${need[*]}"
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "setup: warning: not root and no sudo; install ${need[*]} yourself (apt-get install ${need[*]})" >&2
    exit 0
  fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
# wireshark-common (pulled in by tshark) asks whether non-root users may capture: no.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "setup: installed ${need[*]}"
