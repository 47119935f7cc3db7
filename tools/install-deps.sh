#!/usr/bin/env bash
# Installs the Debian 12 packages Folio builds and tests with (sudo when not root).
# Packages named as arguments are installed too (.ci/run: clang for the fuzzer).
set -euo pipefail
pkgs=(meson ninja-build g++ pkg-config python3 libboost-dev libcapnp-dev capnproto doctest-dev libedit-dev "$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
