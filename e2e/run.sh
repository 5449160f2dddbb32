#!/usr/bin/env bash
# End-to-end suite: a real `kizuna serve` on loopback, driven by Debian's Chromium through
# playwright-core, with axe-core run on every page visited (see e2e/README.md).
#
#   e2e/run.sh
#
# Builds the release binary (cargo decides whether anything changed), loads a fresh temporary
# SQLite store with the shipped Japan-UK dataset and the Japanese fixture (e2e/fixtures/japanese),
# creates two people with `kizuna user add` (a reviewer and an administrator, passwords made for
# the run), starts the server on a free port, runs every e2e/tests/*.test.js with node:test, then
# schemathesis against the API, then `kizuna audit verify` on the same store; exits 1 when any of
# them fails. Screenshots, accessibility reports and the server's log go to target/e2e/.
#
# Environment:
#   KIZUNA_BIN            use this kizuna binary instead of building target/release/kizuna
#   KIZUNA_E2E_CHROMIUM   the Chromium to drive (default /usr/bin/chromium)
#   KIZUNA_E2E_KEEP=1     keep the temporary store and print where it is
#   KIZUNA_E2E_ONLY=NN    run only the flows whose file names start with NN (e.g. 09)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

chromium="${KIZUNA_E2E_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  cat >&2 <<EOF
e2e: no Chromium at $chromium.
  The suite drives Debian's Chromium (playwright-core downloads no browser). Install it with
    sudo apt-get update && sudo apt-get install -y chromium
  (and fonts-ipafont-gothic for legible Japanese in the screenshots), or point
  KIZUNA_E2E_CHROMIUM at another Chromium build.
EOF
  exit 1
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "e2e: Node.js 20 or newer with npm is needed (sudo apt-get install -y nodejs npm)" >&2
  exit 1
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "e2e: Node.js 20 or newer is needed; this is $(node --version)" >&2
  exit 1
fi

# --- the binary ----------------------------------------------------------------------------------
if [[ -n "${KIZUNA_BIN:-}" ]]; then
  kizuna="$KIZUNA_BIN"
else
  echo "== e2e: cargo build --release --locked -p kizuna"
  cargo build --release --locked -p kizuna
  kizuna="${CARGO_TARGET_DIR:-$root/target}/release/kizuna"
fi
[[ -x "$kizuna" ]] || { echo "e2e: no kizuna binary at $kizuna" >&2; exit 1; }

# --- the npm packages ----------------------------------------------------------------------------
# npm ci when node_modules is missing or older than the lock file.
if [[ ! -f e2e/node_modules/.package-lock.json || e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]]; then
  echo "== e2e: npm ci"
  (cd e2e && npm ci --no-audit --no-fund)
fi

# --- a fresh store and the server ----------------------------------------------------------------
artifacts="$root/target/e2e"
rm -rf "$artifacts"
mkdir -p "$artifacts"
work="$(mktemp -d "${TMPDIR:-/tmp}/kizuna-e2e.XXXXXX")"
export KIZUNA_DATABASE_URL="sqlite://$work/kizuna.db"
server_pid=""

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ "${KIZUNA_E2E_KEEP:-}" == 1 ]]; then
    echo "e2e: store kept in $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== e2e: kizuna init and ingest the Japanese fixture"
"$kizuna" init
"$kizuna" ingest --dataset e2e/fixtures/japanese

# The people the flows that keep the record sign in as (e2e/tests/06-editor-review.test.js): one
# who keeps the record (role reviewer: evidence, notes, link decisions, statuses) and an
# administrator. Passwords are made for the run and reach the tests through the environment.
new_password() {
  node -e 'console.log(require("crypto").randomBytes(18).toString("base64url"))'
}
editor_user=rita
editor_password="$(new_password)"
admin_user=ada
admin_password="$(new_password)"
echo "== e2e: kizuna user add $editor_user --role reviewer; kizuna user add $admin_user --admin"
KIZUNA_PASSWORD="$editor_password" "$kizuna" user add "$editor_user" --display-name "Rita Reviewer" --role reviewer
KIZUNA_PASSWORD="$admin_password" "$kizuna" user add "$admin_user" --display-name "Ada Admin" --admin

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Waits until the server answers its API, or it exits, or 60 s pass.
wait_for_server() {
  local url="$1" pid="$2"
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || return 1
    if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url"; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}

log="$artifacts/server.log"
base_url=""
# A port found free can be taken before the server binds it: try another a few times.
for _ in 1 2 3; do
  port="$(free_port)"
  echo "== e2e: kizuna serve --listen 127.0.0.1:$port (log: target/e2e/server.log)"
  "$kizuna" serve --listen "127.0.0.1:$port" >>"$log" 2>&1 &
  server_pid=$!
  if wait_for_server "http://127.0.0.1:$port/api/v1/partnerships" "$server_pid"; then
    base_url="http://127.0.0.1:$port"
    break
  fi
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
done
if [[ -z "$base_url" ]]; then
  echo "e2e: the server did not start; the end of its log:" >&2
  tail -n 40 "$log" >&2 || true
  exit 1
fi

# --- the suite -----------------------------------------------------------------------------------
# TAP when the output is read by a program (CI counts its '# pass N' / '# fail N'), spec on a terminal.
reporter=tap
[[ -t 1 ]] && reporter=spec
echo "== e2e: node --test e2e/tests/ against $base_url"
set +e
KIZUNA_E2E_BASE_URL="$base_url" KIZUNA_E2E_CHROMIUM="$chromium" KIZUNA_E2E_ARTIFACTS="$artifacts" \
  KIZUNA_E2E_EDITOR="$editor_user" KIZUNA_E2E_EDITOR_PASSWORD="$editor_password" \
  KIZUNA_E2E_ADMIN="$admin_user" KIZUNA_E2E_ADMIN_PASSWORD="$admin_password" \
  node --test --test-concurrency=1 --test-reporter="$reporter" e2e/tests/"${KIZUNA_E2E_ONLY:-}"*.test.js
status=$?
set -e
echo "e2e: screenshots and accessibility reports in target/e2e/"

# --- the API against its own OpenAPI document ---------------------------------------------------
# schemathesis generates requests from /api/v1/openapi.json (valid and invalid, and sequences
# that follow the links between operations); any 5xx answer fails the run. It is installed into
# a virtualenv under target/ the first time.
st_venv=target/schemathesis-venv
if [[ ! -x "$st_venv/bin/st" ]]; then
  echo "== e2e: installing schemathesis into $st_venv"
  python3 -m venv "$st_venv"
  "$st_venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.32.5'
fi
echo "== e2e: schemathesis against $base_url/api/v1/openapi.json (no server error allowed)"
set +e
"$st_venv/bin/st" run "$base_url/api/v1/openapi.json" --checks not_a_server_error --max-examples 25 --seed 1 \
  --no-color 2>&1 | tee "$artifacts/schemathesis.txt" | tail -n 25
st_status=${PIPESTATUS[0]}
set -e
if [[ $st_status -ne 0 ]]; then
  echo "e2e: schemathesis found a problem (target/e2e/schemathesis.txt)" >&2
  status=1
fi

# --- the security probe -------------------------------------------------------------------------
# scripts/probe replays the attacks of the security probe against the same server (loopback only):
# a deeply nested upload, simultaneous sign-in guesses, open redirects, forged hosts, CSV formulas,
# silent clients, the security headers. One line each; any failure fails the suite.
echo "== e2e: scripts/probe against $base_url"
set +e
python3 scripts/probe "$base_url" "$editor_user" "$editor_password" 2>&1 | tee "$artifacts/probe.txt"
probe_status=${PIPESTATUS[0]}
set -e
if [[ $probe_status -ne 0 ]]; then
  echo "e2e: the security probe found a problem (target/e2e/probe.txt)" >&2
  status=1
fi

# --- the audit chain -----------------------------------------------------------------------------
# Every change the flows made (sign-ins, decisions, evidence, notes) is an event chained to the one
# before; after the suite the chain must still verify against the same store.
echo "== e2e: kizuna audit verify"
set +e
"$kizuna" audit verify 2>&1 | tee "$artifacts/audit-verify.txt"
audit_status=${PIPESTATUS[0]}
set -e
if [[ $audit_status -ne 0 ]]; then
  echo "e2e: kizuna audit verify exited $audit_status: the audit chain is not intact (target/e2e/audit-verify.txt)" >&2
  status=1
fi
exit "$status"
