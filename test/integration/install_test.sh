#!/usr/bin/env bash
# issue 10: `cmake --install` lays out a prefix that works on its own. The prefix is installed,
# then moved elsewhere, and its bin/frr renders a report from its share/frr/reports while the
# source and build trees are hidden (an empty tmpfs mounted over each, in a private mount
# namespace: the binary cannot reach them even through a path compiled in). The installed frr
# ignores FRR_FAULT_AT (the crash-test fault points live only in frr-faults) and names its version
# and git revision; the man page and systemd units are installed and name this prefix.
. "$(dirname "$0")/lib.sh"
: "${FRR_BUILD:?}" "${FRR_FAULT_BIN:?}"

cmake --install "$FRR_BUILD" --prefix "$WORK/staged" >"$WORK/install.log" 2>&1 ||
  { cat "$WORK/install.log"; fail "cmake --install failed"; }
# The systemd unit runs the installed frr, by its path at install time.
grep -q "^ExecStart=$WORK/staged/bin/frr " "$WORK/staged/lib/systemd/system/frr@.service" ||
  { grep ExecStart "$WORK/staged/lib/systemd/system/frr@.service"; fail "the unit's ExecStart is not $WORK/staged/bin/frr"; }
prefix=$WORK/moved/opt/frr
mkdir -p "$(dirname "$prefix")"
mv "$WORK/staged" "$prefix"
frr_installed=$prefix/bin/frr

for f in bin/frr share/frr/reports/report.html share/frr/reports/report.txt share/frr/reports/report.md \
         share/frr/demo.sh share/doc/frr/examples/frr.example.yaml share/doc/frr/examples/demo.yaml \
         share/doc/frr/README.md share/man/man1/frr.1 lib/systemd/system/frr@.service lib/systemd/system/frr@.timer; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
[ ! -L "$prefix/share/frr/reports" ] || fail "share/frr/reports is a link, not the templates"

# --version: the project version and the revision of the source tree it was built from.
expect_exit 0 "$frr_installed" --version
version=$(sed -n 's/^project(frr VERSION \([0-9.]*\).*/\1/p' "$FRR_SRC/CMakeLists.txt")
expect_in "frr $version (git " "$WORK/out"
if git -C "$FRR_SRC" rev-parse --git-dir >/dev/null 2>&1; then
  head=$(git -C "$FRR_SRC" rev-parse --short=12 HEAD)
  expect_in "$head" "$WORK/out"
fi
cp "$WORK/out" "$WORK/version.txt"

# The man page has every command's help.
man=$prefix/share/man/man1/frr.1
expect_not_in '???' "$prefix/share/man/man1/frr.1"
for section in '^\.SH NAME' '^\.SH COMMANDS' '^\.SS run$' '^\.SS check$' '^\.SS send$' '^\.SH ENVIRONMENT'; do
  grep -q "$section" "$man" || fail "frr.1 has no '$section'"
done
grep -q "$version" "$man" || fail "frr.1 does not name version $version"

# Neither the source nor the build tree is reachable from here on.
hidden() {
  unshare --mount --propagation private bash -c '
    for d in "$FRR_BUILD" "$FRR_SRC"; do mount -t tmpfs frr-hidden "$d" || exit 111; done
    [ -z "$(ls -A "$FRR_SRC")" ] || exit 112
    exec "$@"' hidden "$@"
}
hidden true || fail "cannot hide the source tree (unshare --mount, as root; in a chroot, / must be a mount point: mount --bind ROOT ROOT before chroot): exit $?"

start_sim "$FRR_SRC/examples/scenarios/silent-gaps.yaml"
sim_env
as_of=$(scenario_now "$FRR_SRC/examples/scenarios/silent-gaps.yaml")
cfg=$prefix/share/doc/frr/examples/demo.yaml
# FRR_FAULT_AT names a point `frr run` passes (frr-faults dies there: exit 99, checked below):
# the installed frr goes on and finishes the run.
FRR_FAULT_AT=run.after_fetch expect_exit_in "0 1 2" hidden "$frr_installed" -c "$cfg" \
  --state-dir "$WORK/state" --as-of "$as_of" run
run=$(latest_run "$WORK/state")
[ -n "$run" ] || fail "the installed frr wrote no run"
for f in report.html report.txt report.md; do [ -s "$run/$f" ] || fail "no $f from the installed frr"; done
expect_in "<html" "$run/report.html"
ls "$WORK"/state/outbox/*/report.html >/dev/null || fail "the installed frr delivered nothing to the outbox"

# The same command with frr-faults dies at the point, so the variable and the point are live.
FRR_FAULT_AT=run.after_fetch expect_exit 99 "$FRR_FAULT_BIN" -c "$cfg" \
  --state-dir "$WORK/state-faults" --as-of "$as_of" run
# ...and the installed binary holds no trace of the mechanism.
if grep -q FRR_FAULT_AT "$frr_installed"; then fail "the installed frr contains FRR_FAULT_AT"; fi
grep -q FRR_FAULT_AT "$FRR_FAULT_BIN" || fail "frr-faults does not contain FRR_FAULT_AT (is the check blind?)"

# Without its templates the installed frr says where it looked and what to do.
rm -r "$prefix/share/frr/reports"
expect_exit 78 hidden "$frr_installed" -c "$cfg" --state-dir "$WORK/state" --as-of "$as_of" report
expect_in "$prefix/share/frr/reports" "$WORK/err"
expect_in "templates_dir" "$WORK/err"
echo "install_test: ok ($(cat "$WORK/version.txt"))"
