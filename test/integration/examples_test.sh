#!/usr/bin/env bash
# Every file in examples/ is exercised, so none can rot: the configs validate,
# and the crontab line, the systemd unit's ExecStart and the CI job's command
# are run as written (paths swapped for this build) against frr-sim.
. "$(dirname "$0")/lib.sh"

for cfg in "$FRR_SRC"/examples/*.yaml; do
  expect_exit 0 "$FRR_BIN" validate -c "$cfg"
done

start_sim "$FRR_SRC/examples/scenarios/healthy.yaml"
AS_OF=$(curl -s "$SIM_URL/_sim/clock" | sed -n 's/.*"now":"\([^"]*\)".*/\1/p')
export FRR_AS_OF=$AS_OF
cp "$FRR_SRC/examples/sim.env" "$WORK/store.env"
chmod 600 "$WORK/store.env"
sed "s|^  base_url: .*|  base_url: $SIM_URL|" "$FRR_SRC/examples/demo.yaml" > "$WORK/store.yaml"
echo "state:" >> "$WORK/store.yaml"
echo "  dir: $WORK/state" >> "$WORK/store.yaml"
mkdir -p "$WORK/log"

# examples/cron/frr.crontab: the command after the five time fields.
line=$(grep -v '^#' "$FRR_SRC/examples/cron/frr.crontab" | grep -v '^$' | head -n1)
cmd=$(echo "$line" | cut -d' ' -f6-)
cmd=${cmd//\/etc\/frr\/acme-tea.env/$WORK/store.env}
cmd=${cmd//\/etc\/frr\/acme-tea.yaml/$WORK/store.yaml}
cmd=${cmd//\/usr\/local\/bin\/frr/$FRR_BIN}
cmd=${cmd//\/var\/log\/frr\/acme-tea.log/$WORK/log/cron.log}
bash -c "$cmd" || fail "crontab command failed: $cmd"
ls "$WORK"/state/runs/*/report.html >/dev/null || fail "crontab run wrote no report"
# -q: nothing on success, so cron mails nobody; the verdict is in the report.
[ ! -s "$WORK/log/cron.log" ] || fail "the -q cron line printed on success: $(cat "$WORK/log/cron.log")"
expect_in "HEALTHY  100/100" "$(ls "$WORK"/state/runs/*/report.txt | tail -n1)"

# examples/systemd/frr@.service: ExecStart with %i, the EnvironmentFile loaded.
exec_start=$(sed -n 's/^ExecStart=//p' "$FRR_SRC/examples/systemd/frr@.service")
exec_start=${exec_start//\/etc\/frr\/%i.yaml/$WORK/store.yaml}
exec_start=${exec_start//\/usr\/local\/bin\/frr/$FRR_BIN}
grep -q '^SuccessExitStatus=1 2 3 4$' "$FRR_SRC/examples/systemd/frr@.service" || fail "unit's SuccessExitStatus"
grep -q '^OnCalendar=' "$FRR_SRC/examples/systemd/frr@.timer" || fail "timer has no OnCalendar"
FRR_AS_OF=$(date -u -d "$AS_OF + 1 hour" +%Y-%m-%dT%H:%M:%SZ) \
  bash -c "set -a; . $WORK/store.env; set +a; $exec_start" >"$WORK/systemd.out" 2>"$WORK/systemd.err" \
  || { cat "$WORK/systemd.err"; fail "systemd ExecStart failed"; }
python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1]) if l.strip()]" "$WORK/systemd.err" \
  || fail "--log-format json wrote a line that is not JSON"
[ "$(ls -d "$WORK"/state/runs/*/ | wc -l)" -ge 2 ] || fail "systemd run made no second run"

# examples/ci/frr-check.yml: the job's `run:` command with --fail-on critical.
ci_cmd=$(sed -n 's/^ *run: //p' "$FRR_SRC/examples/ci/frr-check.yml")
ci_cmd=${ci_cmd//frr.yaml/$WORK/store.yaml}
ci_cmd=${ci_cmd/#frr /$FRR_BIN }
(cd "$WORK" && set -a && . "$WORK/store.env" && set +a && \
  FRR_AS_OF=$(date -u -d "$AS_OF + 2 hours" +%Y-%m-%dT%H:%M:%SZ) bash -c "$ci_cmd") \
  || fail "CI job command failed on a healthy store: $ci_cmd"
ls "$WORK"/.frr-state/runs/*/report.json >/dev/null || fail "CI job wrote no report"
echo "examples_test: ok"
