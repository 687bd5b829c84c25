#!/usr/bin/env bash
# Security (issue 7 item 6): TLS verification cannot be switched off; plain http only to
# loopback; the token cache and the hash key are 0600 and refused when more open; and a
# full run (fetch, check, score, report, send to the outbox, a webhook and an SMTP relay)
# leaves no configured secret and no raw customer email in any file of the state
# directory, in what the receivers got, or on stdout/stderr (-v, text and JSON logs).
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

# --- 1. No code path turns certificate checks off.
if grep -rnE 'CURLOPT_SSL_VERIFY(PEER|HOST)[^;]*[, ]+(0L?|false)\)' "$FRR_SRC/lib" "$FRR_SRC/cli"; then
  fail "certificate verification is switched off somewhere"
fi
grep -rqE 'CURLOPT_SSL_VERIFYPEER, *1L' "$FRR_SRC/lib/net" || fail "VERIFYPEER is not set to 1"
grep -rqE 'CURLOPT_SSL_VERIFYHOST, *2L' "$FRR_SRC/lib/net" || fail "VERIFYHOST is not set to 2"
if grep -rniE 'insecure|verify_tls|tls_verify|ssl_verify|skip_verify' "$FRR_SRC/lib/core/config.cpp"; then
  fail "a configuration key seems to control TLS verification"
fi

write_tiny_scenario "$WORK/tiny.yaml" "defects:
  missing_placed_order: {count: 2}
  missing_profile: {count: 1}"
start_sim "$WORK/tiny.yaml"
sim_env
AS_OF=2026-11-27T06:00:00Z

# --- 2. An https server with a self-signed certificate on loopback is refused.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 2 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
TLS_PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
openssl s_server -www -accept "127.0.0.1:$TLS_PORT" -cert "$WORK/cert.pem" -key "$WORK/key.pem" \
  </dev/null >"$WORK/tls.out" 2>&1 &
TLS_PID=$!
trap 'kill $TLS_PID 2>/dev/null || true; cleanup' EXIT
$PY - "$TLS_PORT" <<'PY' || fail "openssl s_server did not start"
import socket, sys, time
for _ in range(200):
    try: socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); sys.exit(0)
    except OSError: time.sleep(0.05)
sys.exit(1)
PY
FRR_SHOPIFY_BASE_URL=https://127.0.0.1:$TLS_PORT expect_exit_in "3 77" \
  "$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$WORK/tls-state" --as-of "$AS_OF" fetch
grep -qiE 'certificate|SSL|TLS' "$WORK/err" "$WORK/out" || { cat "$WORK/err"; fail "no TLS error reported"; }
expect_in "shopify  unavailable" "$WORK/out"
# Even with CURL_CA_BUNDLE / SSL_CERT_FILE pointing nowhere useful, nothing is sent in clear.
kill $TLS_PID 2>/dev/null || true

# --- 3. Plain http only to loopback: anything else is a configuration error (78).
for url in http://shop.example.com http://10.0.0.1:8080 http://127.0.0.1@shop.example.com; do
  FRR_SHOPIFY_BASE_URL=$url expect_exit 78 \
    "$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$WORK/http-state" --as-of "$AS_OF" run
  expect_in "plain http" "$WORK/err"
done
[ ! -d "$WORK/http-state/runs" ] || [ -z "$(ls "$WORK/http-state/runs")" ] || fail "a run started over plain http"
# A DNS name that merely starts with "127." is not loopback: the config check and the
# transport share one test (core::is_loopback_host), so the config refuses it (78).
FRR_SHOPIFY_BASE_URL=http://127.0.0.1.nip.io expect_exit 78 \
  "$FRR_BIN" -c "$FRR_SRC/examples/demo.yaml" --state-dir "$WORK/nip-state" --as-of "$AS_OF" fetch
grep -qE "refused insecure URL|plain http" "$WORK/out" "$WORK/err" || fail "127.0.0.1.nip.io was not refused"

# --- 4. The full run: receivers, secrets, config.
$PY - "$WORK" <<'PY' &
import http.server, socketserver, sys, threading, os
work = sys.argv[1]
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(f"{work}/webhook.received", "ab") as f:
            f.write(str(self.headers).encode() + body + b"\n")
        self.send_response(200); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *a): pass
class Smtp(socketserver.StreamRequestHandler):
    def handle(self):
        out = open(f"{work}/smtp.received", "ab")
        w = lambda s: self.wfile.write(s.encode() + b"\r\n")
        w("220 test relay")
        data = False
        for raw in self.rfile:
            out.write(raw)
            line = raw.decode(errors="replace").rstrip("\r\n")
            if data:
                if line == ".": data = False; w("250 2.0.0 Message accepted")
                continue
            cmd = line.split(" ")[0].upper()
            if cmd in ("EHLO", "HELO"): w("250-localhost"); w("250 AUTH PLAIN LOGIN")
            elif cmd == "AUTH":
                parts = line.split(" ")
                if parts[1].upper() == "LOGIN":
                    w("334 VXNlcm5hbWU6"); out.write(self.rfile.readline())
                    w("334 UGFzc3dvcmQ6"); out.write(self.rfile.readline())
                elif len(parts) < 3:
                    w("334 "); out.write(self.rfile.readline())
                w("235 2.7.0 Authentication successful")
            elif cmd == "DATA": data = True; w("354 go ahead")
            elif cmd == "QUIT": w("221 bye"); break
            else: w("250 OK")
        out.close()
hook = http.server.HTTPServer(("127.0.0.1", 0), Hook)
smtp = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Smtp)
threading.Thread(target=smtp.serve_forever, daemon=True).start()
with open(f"{work}/ports.tmp", "w") as f: f.write(f"{hook.server_port} {smtp.server_address[1]}\n")
os.rename(f"{work}/ports.tmp", f"{work}/ports")
hook.serve_forever()
PY
RECV_PID=$!
trap 'kill $RECV_PID 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 1 200); do [ -f "$WORK/ports" ] && break; sleep 0.05; done
read -r HOOK_PORT SMTP_PORT <"$WORK/ports" || fail "receivers did not start"

export FRR_WEBHOOK_SECRET=whsec_do_not_leak_7f3a9c FRR_SMTP_USERNAME=reports-user \
       FRR_SMTP_PASSWORD=smtp-pass_do_not_leak_91b2
cat >"$WORK/frr.yaml" <<YAML
store:
  name: "frr security store"
  timezone: Europe/London
shopify:
  shop: frr-demo.myshopify.com
  auth:
    mode: static_token
    access_token_env: FRR_SHOPIFY_ACCESS_TOKEN
klaviyo:
  auth:
    mode: oauth
    client_id_env: FRR_KLAVIYO_CLIENT_ID
    client_secret_env: FRR_KLAVIYO_CLIENT_SECRET
    refresh_token_env: FRR_KLAVIYO_REFRESH_TOKEN
delivery:
  retries:
    max_attempts: 1
  outbox:
    dir: outbox
  webhook:
    url: http://127.0.0.1:$HOOK_PORT/frr
    signing_secret_env: FRR_WEBHOOK_SECRET
  email:
    smtp_url: smtp://127.0.0.1:$SMTP_PORT
    from: "frr <reports@frr-demo.example>"
    to: [owner@frr-demo.example]
    username_env: FRR_SMTP_USERNAME
    password_env: FRR_SMTP_PASSWORD
YAML
STATE=$WORK/state
frr() { "$FRR_BIN" -c "$WORK/frr.yaml" --state-dir "$STATE" "$@"; }

expect_exit 0 frr -v --as-of "$AS_OF" run
cp "$WORK/out" "$WORK/run1.out"; cp "$WORK/err" "$WORK/run1.err"
expect_in "delivered" "$WORK/run1.out"
[ -s "$WORK/webhook.received" ] || fail "the webhook got nothing"
grep -q "Message accepted" "$STATE"/delivery/*/email.json || fail "the e-mail was not accepted"
NOW=$(sim_advance 3600)
expect_exit 0 frr -v --log-format json --as-of "$NOW" run
cp "$WORK/out" "$WORK/run2.out"; cp "$WORK/err" "$WORK/run2.err"
expect_exit_in "0 1 2" frr -v --as-of "$NOW" check --no-fetch --format json
cp "$WORK/out" "$WORK/check.out"; cp "$WORK/err" "$WORK/check.err"
expect_exit_in "0 1 2" frr -v --log-format json --as-of "$NOW" score
cp "$WORK/out" "$WORK/score.out"; cp "$WORK/err" "$WORK/score.err"
expect_exit 0 frr -v --as-of "$NOW" report
cp "$WORK/out" "$WORK/report.out"; cp "$WORK/err" "$WORK/report.err"

# --- 5. The secret files are 0600, and refused when more open.
# (architecture.md says tokens.json; the cache is one file per platform.)
for f in hash.key klaviyo-token.json; do
  [ -f "$STATE/$f" ] || fail "$f missing"
  [ "$(stat -c %a "$STATE/$f")" = 600 ] || fail "$f has mode $(stat -c %a "$STATE/$f")"
done
[ "$(stat -c %a "$STATE")" = 700 ] || fail "the state directory has mode $(stat -c %a "$STATE")"

# --- 6. Scan: every configured secret and every raw customer email.
curl -sf -X POST "$SIM_URL/admin/api/2026-10/graphql.json" -H 'Content-Type: application/json' \
  -H "X-Shopify-Access-Token: $FRR_SHOPIFY_ACCESS_TOKEN" \
  -d '{"query":"{ customers(first: 250) { nodes { email } } }"}' >"$WORK/customers.json"
$PY - "$WORK" "$STATE" "$FRR_SRC/examples/sim.env" <<'PY'
import json, os, sys
work, state, envfile = sys.argv[1:4]
secrets = {}
for line in open(envfile):
    line = line.strip()
    if line and not line.startswith("#") and "=" in line:
        k, v = line.split("=", 1); secrets[k] = v
for k in ("FRR_WEBHOOK_SECRET", "FRR_SMTP_PASSWORD"):
    secrets[k] = os.environ[k]
nodes = json.load(open(f"{work}/customers.json"))["data"]["customers"]["nodes"]
emails = sorted({n["email"] for n in nodes if n.get("email")})
if len(emails) < 50: sys.exit(f"FAIL: only {len(emails)} customer emails from the simulator")
needles = [(f"secret {k}", v.encode()) for k, v in secrets.items()]
needles += [(f"email {e}", e.encode()) for e in emails]
needles += [(f"email {e} (lower)", e.lower().encode()) for e in emails]
files = []
for root, _, names in os.walk(state):
    files += [os.path.join(root, n) for n in names]
files += [os.path.join(work, n) for n in os.listdir(work) if n.endswith((".out", ".err"))]
files += [f"{work}/webhook.received"]
# The relay's transcript holds the AUTH exchange (the password, base64) by nature; scan its message only.
smtp = open(f"{work}/smtp.received", "rb").read()
open(f"{work}/smtp.message", "wb").write(smtp[smtp.find(b"DATA"):])
files += [f"{work}/smtp.message"]
leaks = []
for path in files:
    data = open(path, "rb").read()
    for what, needle in needles:
        if needle and needle in data:
            leaks.append(f"{what} in {os.path.relpath(path, work)}")
if leaks:
    print("\n".join(leaks[:40])); sys.exit(f"FAIL: {len(leaks)} leaks")
print(f"scanned {len(files)} files for {len(secrets)} secrets and {len(emails)} emails: clean")
PY

# The secret files refused when readable by others (78), for each in turn.
chmod 644 "$STATE/hash.key"
expect_exit 78 frr --as-of "$NOW" run
expect_in "hash.key" "$WORK/err"
expect_in "chmod 600" "$WORK/err"
chmod 600 "$STATE/hash.key"
chmod 640 "$STATE/klaviyo-token.json"
NOW=$(sim_advance 3600)
expect_exit 78 frr --as-of "$NOW" run
expect_in "klaviyo-token.json" "$WORK/err"
chmod 600 "$STATE/klaviyo-token.json"
expect_exit 0 frr --as-of "$NOW" run
echo "security_test: ok"
