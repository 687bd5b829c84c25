#!/usr/bin/env bash
# Looked at, not assumed: the HTML report of a healthy, a defect and an incomplete run,
# rendered by headless chromium (Debian's `chromium`) at e-mail width (700 px) and narrow width
# (500 px, the narrowest window headless chromium lays out). Fails when the page is wider than its window (or 700 px), an element sticks out of
# the window or overflows its box, or one of the report's sections is missing
# (test/integration/layout_probe.js measures; docs/report.md says how to take screenshots).
# ctest-parts: healthy silent-gaps klaviyo-outage
. "$(dirname "$0")/lib.sh"
PART=${1:-all}
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || fail "chromium is not installed (scripts/install-deps.sh installs it)"
sim_env
cp "$FRR_SRC/examples/demo.yaml" "$WORK/frr.yaml"
printf 'fetch:\n  max_attempts: 2\n  retry_base_delay_ms: 10\n  retry_max_delay_ms: 50\n' >>"$WORK/frr.yaml"

render() {  # HTML_FILE WIDTH -> the probe's lines on stdout
  local page=$WORK/probe-$2.html
  /usr/bin/python3 -c 'import sys; page = open(sys.argv[1], encoding="utf-8").read(); probe = open(sys.argv[2], encoding="utf-8").read(); at = page.rfind("</body>"); open(sys.argv[3], "w", encoding="utf-8").write(page[:at] + "<script>" + probe + "</script>" + page[at:])' \
    "$1" "$FRR_SRC/test/integration/layout_probe.js" "$page"
  grep -q 'frr-layout' "$page" || fail "could not inject the probe into $1"
  timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$WORK/chromium" \
    --window-size="$2,2000" --virtual-time-budget=2000 --dump-dom "file://$page" 2>"$WORK/chromium.err" |
    /usr/bin/python3 -c 'import html,re,sys; m=re.findall(r"<pre id=\"frr-layout\">([\s\S]*?)</pre>", sys.stdin.read()); print(html.unescape(m[-1]) if m else "FAIL the probe did not run")'
}

for case in healthy:healthy silent-gaps:defect klaviyo-outage:incomplete; do
  scenario=${case%%:*} kind=${case##*:}
  [ "$PART" = all ] || [ "$PART" = "$scenario" ] || continue
  SCENARIO=$FRR_SRC/examples/scenarios/$scenario.yaml
  start_sim "$SCENARIO"
  set +e
  "$FRR_BIN" -q -c "$WORK/frr.yaml" --state-dir "$WORK/state-$scenario" --as-of "$(scenario_now "$SCENARIO")" run \
    2>"$WORK/err"
  set -e
  stop_sim
  RUN=$(latest_run "$WORK/state-$scenario")
  [ -f "$RUN/report.html" ] || { cat "$WORK/err"; fail "$scenario: no report.html"; }
  for page in report operator; do
    for width in 700 500; do
      render "$RUN/$page.html" "$width" >"$WORK/probe.out"
      echo "--- $kind ($scenario) $page.html at $width px"; cat "$WORK/probe.out"
      if grep -q '^FAIL' "$WORK/probe.out"; then fail "$kind report ($page.html) breaks at $width px"; fi
      for section in "What needs attention" "What changed since the last report" "Trend" "What we could not check"; do
        grep -q "^sections .*$section" "$WORK/probe.out" || fail "$kind report ($page.html) has no '$section'"
      done
      if [ "$page" = operator ]; then
        grep -q "^sections .*Technical appendix" "$WORK/probe.out" || fail "$kind operator copy has no appendix"
      elif grep -q "^sections .*Technical appendix" "$WORK/probe.out"; then
        fail "$kind client copy shows the technical appendix"
      fi
    done
  done
done
echo "report_layout: ok"
