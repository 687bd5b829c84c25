#!/usr/bin/env bash
# Installs, from Debian 12 packages only, whatever frr needs to build, test
# and run its demo. Idempotent and non-interactive: packages already present
# are left alone and apt is not touched at all when nothing is missing.
set -euo pipefail

packages=(
  build-essential cmake make pkg-config git ca-certificates
  libcli11-dev libcurl4-openssl-dev rapidjson-dev libfmt-dev libyaml-cpp-dev
  catch2 libcpp-httplib-dev libkainjow-mustache-dev libssl-dev
  libhowardhinnant-date-dev tzdata
  # email identity (lib/text): Unicode case folding and normalisation, IDNA
  libicu-dev libidn2-dev
  python3 python3-aiosmtpd curl procps
  # make fuzz-smoke: clang and its libFuzzer/ASan/UBSan runtimes (a Recommends of clang-14's
  # libclang-common-14-dev, so not pulled in by --no-install-recommends)
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
