#!/usr/bin/env bash
# issue 10: `make package` (cpack -G DEB) makes frr_<version>_<arch>.deb. Its control fields are
# a real package's (dependencies from dpkg-shlibdeps, a description, the postinst that creates the
# frr user); unpacked into a throwaway root (dpkg -x), its frr runs the packaged demo against its
# frr-sim and renders the report from the packaged templates, with the source and build trees
# hidden. (Installing it with apt on a clean Debian 12 is in docs/operations.md.)
. "$(dirname "$0")/lib.sh"
: "${FRR_BUILD:?}"

version=$(sed -n 's/^project(frr VERSION \([0-9.]*\).*/\1/p' "$FRR_SRC/CMakeLists.txt")
arch=$(dpkg --print-architecture)
(cd "$WORK" && cpack -G DEB --config "$FRR_BUILD/CPackConfig.cmake" -B "$WORK/pkg") >"$WORK/cpack.log" 2>&1 ||
  { cat "$WORK/cpack.log"; fail "cpack failed"; }
deb=$WORK/pkg/frr_${version}_${arch}.deb
[ -f "$deb" ] || { ls -l "$WORK/pkg"; fail "no $deb"; }

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = frr ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version)"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture: $(field Architecture)"
depends=$(field Depends)
echo "Depends: $depends"
# dpkg-shlibdeps found the libraries frr and frr-sim link (versioned), and the declared ones are there.
for p in libc6 libstdc++6 libcurl4 libyaml-cpp0.7 libfmt9 libssl3 libdate-tz3 libcpp-httplib0.11 libgmime-3.0-0 ca-certificates tzdata; do
  [[ ", $depends," == *", $p "* || ", $depends," == *", $p,"* ]] || fail "Depends lacks $p: $depends"
done
[[ $depends == *"libcurl4 (>="* ]] || fail "Depends has no versioned libcurl4 (dpkg-shlibdeps not used?): $depends"
grep -q "Klaviyo" <<<"$(field Description)" || fail "no description"
[ "$(field Description | wc -l)" -ge 5 ] || fail "the description has no long part"
grep -q "useradd --system" <<<"$(dpkg-deb -I "$deb" postinst)" || fail "no postinst creating the frr user"

dpkg-deb -c "$deb" >"$WORK/contents"
for f in ./usr/bin/frr ./usr/bin/frr-sim ./usr/share/frr/reports/report.html ./usr/share/frr/demo.sh \
         ./usr/share/man/man1/frr.1 ./usr/share/doc/frr/examples/demo.yaml ./usr/lib/systemd/system/frr@.service; do
  grep -q " $f\$" "$WORK/contents" || fail "the package has no $f"
done
if grep -q "$FRR_BUILD\|_CPack_Packages\|/usr/local" "$WORK/contents"; then fail "build paths in the package"; fi

root=$WORK/root
dpkg -x "$deb" "$root"
grep -q '^ExecStart=/usr/bin/frr ' "$root/usr/lib/systemd/system/frr@.service" || fail "the unit's ExecStart is not /usr/bin/frr"
kind=$(file "$root/usr/bin/frr")
[[ $kind == *stripped* && $kind != *'not stripped'* ]] ||
  fail "the packaged frr is not stripped: $(file "$root/usr/bin/frr")"
expect_exit 0 "$root/usr/bin/frr" --version
expect_in "frr $version (git " "$WORK/out"

# The packaged demo (share/frr/demo.sh) with the packaged frr, frr-sim and examples only. It starts
# in $WORK: the test's own directory is in the hidden build tree (pyenv's python3 shim cannot run there).
export FRR_DEMO_OUT=$WORK/demo
unshare --mount --propagation private bash -c '
  for d in "$FRR_BUILD" "$FRR_SRC"; do mount -t tmpfs frr-hidden "$d" || exit 111; done
  cd "$1" && exec "$0"/usr/share/frr/demo.sh' "$root" "$WORK" >"$WORK/demo.log" 2>&1 || {
  cat "$WORK/demo.log"
  fail "the packaged demo failed (unshare --mount needs root; in a chroot, / must be a mount point: mount --bind ROOT ROOT)"
}
expect_in "demo: the HTML report is $WORK/demo/report.html" "$WORK/demo.log"
expect_in "injected problems" "$WORK/demo.log"
[ -s "$WORK/demo/report.html" ] || fail "the packaged demo wrote no report"
expect_in "<html" "$WORK/demo/report.html"
echo "package_test: ok ($(basename "$deb"), $(du -k "$deb" | cut -f1) KiB)"
