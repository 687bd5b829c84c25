#!/usr/bin/env bash
# clang-format 14 (.clang-format) over every tracked C++ file.
#   scripts/format.sh          reformat them in place
#   scripts/format.sh --check  change nothing; list what differs and exit 1 (make format-check, CI)
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
command -v "$CLANG_FORMAT" >/dev/null ||
  { echo "format: $CLANG_FORMAT not found; scripts/install-deps.sh lint installs it" >&2; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
else
  mapfile -t files < <(find cli lib test -name '*.cpp' -o -name '*.hpp' -o -name '*.h' | sort)
fi
if [ "${1:-}" = --check ]; then
  # clang-format names each file that differs ("FILE:LINE:COL: error: code should be clang-formatted").
  if ! printf '%s\0' "${files[@]}" | xargs -0 -n 50 -P 2 "$CLANG_FORMAT" --dry-run --Werror 2>"${TMPDIR:-/tmp}/format-check.$$"; then
    grep -o '^[^:]*:[0-9]*:[0-9]*: error' "${TMPDIR:-/tmp}/format-check.$$" | cut -d: -f1 | sort -u |
      sed 's/^/format: not clang-formatted: /' >&2
    rm -f "${TMPDIR:-/tmp}/format-check.$$"
    echo "format: run scripts/format.sh (or clang-format -i FILE) and commit the result" >&2
    exit 1
  fi
  rm -f "${TMPDIR:-/tmp}/format-check.$$"
  echo "format: ${#files[@]} files clang-formatted"
else
  "$CLANG_FORMAT" -i "${files[@]}"
fi
