#!/usr/bin/env bash
# Installs what the build and tests need beyond the .NET SDK, and says what it installs.
# Today: libpcap0.8 (SharpPcap loads libpcap.so at run time for capture and pcap files), prometheus
# (the metrics test starts a real Prometheus on loopback to scrape `sdnctl run --metrics-port`), tshark (the
# `run --capture` test reads the written pcaps with it; brings mergecap for `bench classify`), libndpi-bin
# (ndpiReader, the anchor of `sdnctl bench classify`; small, so not split into a bench-only step), and for
# real hosts (README "Real hosts": network namespaces on veth pairs) iproute2 (`ip netns`, `ip link`),
# ethtool (turns checksum/segmentation offload off on the veths) and iputils-ping (what the tests run in
# the namespaces; curl and python3 for the TCP test are taken when present).
set -euo pipefail

need=()
if ! ldconfig -p 2>/dev/null | grep -q 'libpcap\.so'; then need+=(libpcap0.8); fi
if ! command -v prometheus >/dev/null; then need+=(prometheus); fi
if ! command -v ip >/dev/null && [[ ! -x /usr/sbin/ip && ! -x /sbin/ip ]]; then need+=(iproute2); fi
if ! command -v ethtool >/dev/null && [[ ! -x /usr/sbin/ethtool && ! -x /sbin/ethtool ]]; then need+=(ethtool); fi
if ! command -v ping >/dev/null && [[ ! -x /usr/bin/ping && ! -x /bin/ping ]]; then need+=(iputils-ping); fi
if ! command -v tshark >/dev/null; then need+=(tshark); fi
if ! command -v ndpiReader >/dev/null; then need+=(libndpi-bin); fi

if ((${#need[@]} == 0)); then
  echo "setup: system packages present (libpcap0.8, prometheus, iproute2, ethtool, iputils-ping, tshark, libndpi-bin)"
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
