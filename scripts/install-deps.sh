#!/usr/bin/env bash
# Installs, from Debian 12 packages only, what frr needs. Idempotent and non-interactive:
# packages already present are left alone and apt is not touched at all when nothing is missing.
#
#   scripts/install-deps.sh [GROUP...]      (default: build test)
#   scripts/install-deps.sh --list GROUP... (print the packages, one a line; install nothing)
#
# Groups:
#   build    compile frr and frr-sim (cmake, g++, the libraries' -dev packages, ccache, help2man)
#   test     run the tests and the demo (python3, curl, SMTP server, YAML)
#   fuzz     make fuzz-smoke: clang and its libFuzzer/ASan/UBSan runtimes
#   lint     make format-check, make tidy: clang-format 14, clang-tidy 14
#   runtime  run an installed frr (the container image's last stage; the .deb gets its
#            dependencies from dpkg-shlibdeps instead, and a test checks that this list
#            covers every library the built frr links)
#   all      build test fuzz lint
set -euo pipefail

group_build=(
  build-essential cmake make pkg-config git ca-certificates ccache help2man file
  libcli11-dev libcurl4-openssl-dev rapidjson-dev libfmt-dev libyaml-cpp-dev
  catch2 libcpp-httplib-dev libkainjow-mustache-dev libssl-dev
  libhowardhinnant-date-dev tzdata
  # email identity (lib/text): Unicode case folding and normalisation, IDNA
  libicu-dev libidn2-dev
  # e-mail addresses and headers (lib/delivery/mime.cpp)
  libgmime-3.0-dev
)
group_test=(python3 python3-aiosmtpd python3-yaml curl procps
  # the report layout test renders the HTML report headless (about 350 MB, a minute to install)
  chromium
)
# clang-14's libclang-common-14-dev only recommends the runtimes, and Recommends are not installed.
group_fuzz=(clang libclang-rt-14-dev)
group_lint=(clang-format clang-tidy)
group_runtime=(libc6 libgcc-s1 libstdc++6 libcurl4 libyaml-cpp0.7 libfmt9 libdate-tz3 libssl3 libicu72 libidn2-0
  libgmime-3.0-0 libglib2.0-0 tzdata ca-certificates)

list_only=0
if [ "${1:-}" = --list ]; then
  list_only=1
  shift
fi
groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(build test)

packages=()
for g in "${groups[@]}"; do
  case $g in
    all) packages+=("${group_build[@]}" "${group_test[@]}" "${group_fuzz[@]}" "${group_lint[@]}") ;;
    build | test | fuzz | lint | runtime)
      declare -n group="group_$g"
      packages+=("${group[@]}")
      unset -n group
      ;;
    *) echo "install-deps: unknown group '$g' (build, test, fuzz, lint, runtime, all)" >&2; exit 64 ;;
  esac
done

if [ $list_only = 1 ]; then
  printf '%s\n' "${packages[@]}" | sort -u
  exit 0
fi

missing=()
for p in $(printf '%s\n' "${packages[@]}" | sort -u); do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -gt 0 ] || exit 0

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || {
    echo "install-deps: missing Debian packages: ${missing[*]}" >&2
    echo "install-deps: run this script as root (or install sudo) to install them" >&2
    exit 77
  }
  SUDO=(sudo)
else
  SUDO=()
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp /tmp/frr-install-deps.XXXXXX.log)
echo "install-deps: ${#missing[@]} Debian packages missing: ${missing[*]}"
echo "install-deps: reading the package lists (apt-get update) ..."
if ! "${SUDO[@]}" apt-get update >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-deps: apt-get update failed (above); check the network and /etc/apt/sources.list" >&2
  exit 69
fi
# apt's own progress, one line per package downloaded and set up, so a first install on a bare
# system (a few hundred packages, several minutes) is never silent; the whole log is kept.
echo "install-deps: installing them and what they depend on (log: $log) ..."
set +e
"${SUDO[@]}" apt-get install -y --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" 2>&1 |
  tee -a "$log" | grep --line-buffered -E '^(Get:|Setting up|[0-9]+ upgraded|Need to get|E:|W:)'
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ]; then
  tail -n 20 "$log" >&2
  echo "install-deps: apt-get install failed (exit $rc; whole log $log)" >&2
  exit 69
fi
echo "install-deps: done"
rm -f "$log"
