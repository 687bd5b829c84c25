#!/usr/bin/env bash
# issue 10: the container and Kubernetes files. No container engine runs here, so this checks
# what can be checked without one:
# - every manifest parses as YAML and is what docs/operations.md ("Many stores") promises
#   (CronJob with concurrencyPolicy Forbid, the state on a PVC, credentials from a Secret, exit
#   codes in podFailurePolicy that are frr's own, a non-root user matching the image's);
# - the config in the example ConfigMap, and in every store render-stores.sh renders, passes
#   `frr validate`;
# - the Dockerfile's build steps are the README's install commands, and the runtime packages
#   it installs (scripts/install-deps.sh runtime) hold every library the built frr links.
. "$(dirname "$0")/lib.sh"
K8S=$FRR_SRC/deploy/kubernetes

python3 - "$K8S/store.yaml" "$FRR_SRC/Dockerfile" <<'PY' || fail "deploy/kubernetes/store.yaml (above)"
import re, sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
kinds = {d["kind"]: d for d in docs}
assert set(kinds) == {"ConfigMap", "PersistentVolumeClaim", "CronJob"}, kinds.keys()
cj = kinds["CronJob"]["spec"]
assert cj["concurrencyPolicy"] == "Forbid"
job = cj["jobTemplate"]["spec"]
pod = job["template"]["spec"]
assert pod["restartPolicy"] == "Never", "podFailurePolicy needs restartPolicy Never"
(c,) = pod["containers"]
env = {e["name"]: e["value"] for e in c["env"]}
mounts = {m["name"]: m["mountPath"] for m in c["volumeMounts"]}
vols = {v["name"]: v for v in pod["volumes"]}
assert vols["state"]["persistentVolumeClaim"]["claimName"] == kinds["PersistentVolumeClaim"]["metadata"]["name"]
assert mounts["state"] == env["FRR_STATE_DIR"], "the state volume is not the state dir"
assert vols["config"]["configMap"]["name"] == kinds["ConfigMap"]["metadata"]["name"]
assert env["FRR_CONFIG"] == mounts["config"] + "/frr.yaml"
assert "frr.yaml" in kinds["ConfigMap"]["data"]
assert [e["secretRef"]["name"] for e in c["envFrom"]] == ["frr-acme-tea-credentials"]
assert "run" in c["args"]
# Exit codes: only frr's own (CONTRACTS.md, docs/operations.md), 0 never among the failures.
documented = {0, 1, 2, 3, 4, 5, 64, 65, 70, 73, 75, 77, 78}
(rule,) = [r for r in job["podFailurePolicy"]["rules"] if "onExitCodes" in r]
codes = set(rule["onExitCodes"]["values"])
assert rule["onExitCodes"]["containerName"] == c["name"]
assert codes <= documented and 0 not in codes, codes
assert {77, 78, 64, 70} <= codes, "config/credential/usage errors must fail the job at once"
assert 75 not in codes and 3 not in codes, "lock held / partial coverage are retried"
# Non-root, and the same user as the image's.
sec = pod["securityContext"]
assert sec["runAsNonRoot"] is True
dockerfile = open(sys.argv[2]).read()
user = re.search(r"^USER (\d+):(\d+)$", dockerfile, re.M)
assert user and int(user.group(1)) == sec["runAsUser"] and int(user.group(2)) == sec["runAsGroup"], user
assert re.search(r'^VOLUME \["%s"\]$' % re.escape(mounts["state"]), dockerfile, re.M), "image VOLUME != state mount"
assert re.search(r"^ENV .*FRR_STATE_DIR=%s\b" % re.escape(mounts["state"]), dockerfile, re.M)
print("store.yaml: ok")
PY

# The ConfigMap's config is a valid frr config (its credentials named, here from frr-sim's env).
sim_env
python3 -c 'import sys, yaml; d = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "ConfigMap"][0]; sys.stdout.write(d["data"]["frr.yaml"])' \
  "$K8S/store.yaml" >"$WORK/acme-tea.yaml"
FRR_SMTP_USERNAME=u FRR_SMTP_PASSWORD=p FRR_HEARTBEAT_URL=https://hc.example/ping \
  expect_exit 0 "$FRR_BIN" -c "$WORK/acme-tea.yaml" validate

# Many stores: one set of manifests per store config, each valid, names and schedules per store.
mkdir -p "$WORK/stores"
cp "$WORK/acme-tea.yaml" "$WORK/stores/acme-tea.yaml"
cp "$FRR_SRC/examples/demo.yaml" "$WORK/stores/bramble-books.yaml"
cp "$FRR_SRC/examples/demo.yaml" "$WORK/stores/copper-kettle.yaml"
bash "$K8S/render-stores.sh" "$WORK/stores" registry.example.com/frr:9.9 5 >"$WORK/all.yaml" || fail "render-stores.sh failed"
python3 - "$WORK/all.yaml" "$WORK" <<'PY' || fail "render-stores.sh output (above)"
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
stores = ["acme-tea", "bramble-books", "copper-kettle"]
assert len(docs) == 3 * len(stores), len(docs)
for s in stores:
    mine = [d for d in docs if d["metadata"]["labels"]["frr.store"] == s]
    by = {d["kind"]: d for d in mine}
    assert set(by) == {"ConfigMap", "PersistentVolumeClaim", "CronJob"}, (s, by.keys())
    cj = by["CronJob"]
    assert cj["metadata"]["name"] == f"frr-{s}"
    spec = cj["spec"]
    assert spec["concurrencyPolicy"] == "Forbid"
    minute, hour = spec["schedule"].split()[:2]
    assert hour == "5" and 0 <= int(minute) < 60, spec["schedule"]
    pod = spec["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["containers"][0]["image"] == "registry.example.com/frr:9.9"
    assert pod["containers"][0]["envFrom"][0]["secretRef"]["name"] == f"frr-{s}-credentials"
    vols = {v["name"]: v for v in pod["volumes"]}
    assert vols["state"]["persistentVolumeClaim"]["claimName"] == by["PersistentVolumeClaim"]["metadata"]["name"] == f"frr-{s}-state"
    assert vols["config"]["configMap"]["name"] == by["ConfigMap"]["metadata"]["name"] == f"frr-{s}"
    open(f"{sys.argv[2]}/rendered-{s}.yaml", "w").write(by["ConfigMap"]["data"]["frr.yaml"])
    assert "acme-tea" not in yaml.safe_dump(mine) or s == "acme-tea", s
print("render-stores.sh: ok")
PY
for s in acme-tea bramble-books copper-kettle; do
  cmp -s "$WORK/rendered-$s.yaml" "$WORK/stores/$s.yaml" || fail "the rendered ConfigMap of $s is not its config file"
  FRR_SMTP_USERNAME=u FRR_SMTP_PASSWORD=p FRR_HEARTBEAT_URL=https://hc.example/ping \
    expect_exit 0 "$FRR_BIN" -c "$WORK/rendered-$s.yaml" validate
done
mkdir -p "$WORK/bad"
cp "$FRR_SRC/examples/demo.yaml" "$WORK/bad/Not_A_Name.yaml"
expect_exit 64 bash "$K8S/render-stores.sh" "$WORK/bad"
expect_in "not a valid store id" "$WORK/err"

# The Dockerfile's build is the README's install path, command for command.
readme_install=$(sed -n '/^## Installing/,/^## /p' "$FRR_SRC/README.md")
for cmd in "./scripts/install-deps.sh build" \
           "cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DFRR_BUILD_TESTS=OFF" \
           "cmake --build build-release" "cmake --install build-release --strip"; do
  grep -qF -- "$cmd" "$FRR_SRC/Dockerfile" || fail "the Dockerfile does not run '$cmd'"
  grep -qF -- "$cmd" <<<"$readme_install" || fail "README's Installing section does not say '$cmd'"
done
grep -q '^FROM debian:bookworm-slim AS build$' "$FRR_SRC/Dockerfile" || fail "no bookworm-slim build stage"
[ "$(grep -c '^FROM debian:bookworm-slim' "$FRR_SRC/Dockerfile")" = 2 ] || fail "not a two-stage bookworm-slim build"
grep -q 'install-deps.sh runtime' "$FRR_SRC/Dockerfile" || fail "the runtime stage does not use install-deps.sh runtime"

# The runtime stage's packages hold every library frr links directly.
mapfile -t runtime < <("$FRR_SRC/scripts/install-deps.sh" --list runtime)
for lib in $(readelf -d "$FRR_BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  case $lib in libasan.* | libubsan.*) continue ;; esac  # make sanitize's build; no release has them
  path=$(ldd "$FRR_BIN" | awk -v l="$lib" '$1 == l {print $3}')
  [ -n "$path" ] || fail "ldd does not resolve $lib"
  pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n1 | cut -d: -f1) ||
    pkg=$(dpkg -S "$path" | head -n1 | cut -d: -f1)
  [ -n "$pkg" ] || fail "no Debian package holds $path ($lib)"
  grep -qx "$pkg" <<<"$(printf '%s\n' "${runtime[@]}")" ||
    fail "frr links $lib from $pkg, which install-deps.sh's runtime group does not install"
  echo "runtime: $lib from $pkg"
done
echo "deploy_test: ok"
