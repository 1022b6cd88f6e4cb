#!/usr/bin/env bash
# Issue 8: proves the README's two commands work for a user whose clone sits in a private (0700) folder, such as root's
# home: clones this repository's current commit into a `mktemp -d` folder with mode 0700, then runs `npm ci && npm start`
# (until /readyz answers and a query is served, then SIGTERM) and `npm test` there. Also checks that no password file is
# left in the temp folder. Exit code 0 when everything held.
#
#   scripts/check-private-clone.sh            # PORT=4150 EMBEDDED_PG_PORT=54415 by default; SKIP_TESTS=1 skips npm test
set -euo pipefail
SRC=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
COMMIT=$(git -C "$SRC" rev-parse HEAD)
PORT=${PORT:-4150}
EMBEDDED_PG_PORT=${EMBEDDED_PG_PORT:-54415}
TMPROOT=${TMPDIR:-/tmp}
WORK=$(mktemp -d)
chmod 700 "$WORK"
CLONE="$WORK/clone"
API_PID=''
say() { printf '[check-private-clone] %s\n' "$*"; }
cleanup() {
  if [[ -n "$API_PID" ]]; then kill -KILL "$API_PID" 2>/dev/null || true; fi
  # the cluster this throwaway clone's `npm start` kept under /var/lib (root, private clone)
  relocated=$(grep -o 'keeps its data in [^"]*' "$WORK/start.log" 2>/dev/null | sed 's/keeps its data in //' | head -1 || true)
  if [[ -n "$relocated" && "$relocated" == /var/lib/set-professional-status/* ]]; then rm -rf "$relocated"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

say "user $(id -un) (uid $(id -u)); clone of $COMMIT in $CLONE (folder mode $(stat -c %a "$WORK"))"
git clone -q "$SRC" "$CLONE"
git -C "$CLONE" checkout -q --detach "$COMMIT"
cd "$CLONE"
before=$(ls "$TMPROOT" | grep -E 'pg-password|set-pg-init' || true)

say 'npm ci'
npm ci --no-audit --no-fund >"$WORK/ci.log" 2>&1 || { tail -20 "$WORK/ci.log"; exit 1; }

say "npm start (PORT=$PORT EMBEDDED_PG_PORT=$EMBEDDED_PG_PORT)"
PORT=$PORT EMBEDDED_PG_PORT=$EMBEDDED_PG_PORT SWEEP_INTERVAL_SECONDS=0 npm start >"$WORK/start.log" 2>&1 &
API_PID=$!
ok=''
for _ in $(seq 1 240); do
  if curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; then ok=1; break; fi
  if ! kill -0 "$API_PID" 2>/dev/null; then break; fi
  sleep 0.5
done
if [[ -z "$ok" ]]; then say 'npm start did not become ready:'; tail -20 "$WORK/start.log"; exit 1; fi
grep -o '"msg":"[^"]*"' "$WORK/start.log" | grep -E 'embedded|ready in|private' | sed 's/^/    /' || true
TOKEN=$(npm run -s token -- admin)
answer=$(curl -s "http://127.0.0.1:$PORT/graphql" -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '{"query":"{ members(first: 1) { nodes { membershipNumber } } }"}')
say "a query answered: $answer"
echo "$answer" | grep -q membershipNumber
# SIGTERM to the API's node process (`npm start` runs `npm run build && node dist/src/main.js`), as a supervisor would.
node_pid=''
for pid in $(pgrep -f '^node dist/src/main.js' || true); do
  if [[ "$(readlink -f "/proc/$pid/cwd")" == "$CLONE" ]]; then node_pid=$pid; fi
done
[[ -n "$node_pid" ]] || { say 'could not find the API process'; exit 1; }
kill -TERM "$node_pid"
while kill -0 "$node_pid" 2>/dev/null; do sleep 0.2; done
wait "$API_PID" || true
API_PID=''
if grep -q '"msg":"stopped"' "$WORK/start.log"; then say 'npm start: ready, answered, stopped cleanly on SIGTERM'; else tail -5 "$WORK/start.log"; exit 1; fi

if [[ "${SKIP_TESTS:-}" != 1 ]]; then
  say 'npm test'
  if npm test >"$WORK/test.log" 2>&1; then
    say "npm test: $(grep -E '^Tests:' "$WORK/test.log")"
  else
    tail -40 "$WORK/test.log"; exit 1
  fi
fi

after=$(ls "$TMPROOT" | grep -E 'pg-password|set-pg-init' || true)
if [[ "$after" != "$before" ]]; then say "password files left in $TMPROOT: $after"; exit 1; fi
say "no password file left in $TMPROOT; all checks passed"
