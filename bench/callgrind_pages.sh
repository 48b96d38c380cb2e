#!/usr/bin/env bash
# Instructions per request for the five list pages of bench/wrk_national.sh, counted by callgrind on
# the server (user space only; runs repeat to within about 0.3% whatever else the host does).
# The server runs under `valgrind --tool=callgrind`; the POM of a busy prison and the COM of a busy PDU
# sign in through the real sign-in form; for each page, WARMUP requests are made, the counters are
# zeroed (callgrind_control -z), REQUESTS more are made one after another on one keep-alive connection
# (one curl), the counters are dumped (callgrind_control -d), and the dump's total is divided by REQUESTS.
#
# usage: bench/callgrind_pages.sh BUILD_DIR DATABASE [WARMUP (10)] [REQUESTS (30)]
#   BUILD_DIR holds a `resettle` built as Release or RelWithDebInfo (-g); DATABASE is a national data
#   set (`resettle demo --db FILE --scale national`). The server writes sessions (and, at integ
#   33db3dd and later, access-log rows for every list) into DATABASE: to
#   compare two builds, copy one loaded file for each, and run both on the same day.
#   BENCH_PASSWORD is the demo accounts' password (default resettle-demo-password; demo-password
#   before 2026-12-06).
# Prints one line per page: "name<TAB>instructions per request".
set -euo pipefail
build=$1 db=$2 warmup=${3:-10} requests=${4:-30} password=${BENCH_PASSWORD:-resettle-demo-password}

scratch=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

# Nothing runs beside the requests: insight's figures made ahead and the outbox's sends would count in
# the totals (making the figures takes minutes under callgrind).
valgrind --tool=callgrind --callgrind-out-file="$scratch/cg.out" "$build/resettle" serve --db "$db" --port 0 \
  --insight-every 0 --send-every 0 >"$scratch/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1200); do grep -q 'http://' "$scratch/serve.log" && break; sleep 0.5; done
port=$(sed -n 's#.*http://[^:]*:\([0-9]*\).*#\1#p' "$scratch/serve.log" | head -1)
[ -n "$port" ] || { echo "server did not start: $(cat "$scratch/serve.log")" >&2; exit 1; }
app="http://127.0.0.1:$port"

source "$(dirname "${BASH_SOURCE[0]}")/sign_in.sh"
pom_cookie=$(sign_in "$app" "$scratch/pom.jar" pom "$password")
com_cookie=$(sign_in "$app" "$scratch/com.jar" com "$password")
[ -n "$pom_cookie" ] && [ -n "$com_cookie" ] || { echo "sign-in failed" >&2; exit 1; }

# N requests for one URL on one connection; fails on any answer that is not 2xx.
fetch() {
  local n=$1 url=$2 cookie=$3 args=()
  for _ in $(seq "$n"); do args+=(-o /dev/null "$url"); done
  curl -sf -H "Cookie: $cookie" "${args[@]}"
}

names=("caseload, POM's own cases" "caseload, POM's whole prison" "handover worklist, POM"
       "caseload, COM's own cases" "handover worklist, COM")
paths=("/caseload" "/caseload?view=unit" "/worklists" "/caseload" "/worklists")
cookies=("$pom_cookie" "$pom_cookie" "$pom_cookie" "$com_cookie" "$com_cookie")
for i in "${!names[@]}"; do
  fetch "$warmup" "$app${paths[$i]}" "${cookies[$i]}"
  callgrind_control -z "$server_pid" >/dev/null 2>&1
  fetch "$requests" "$app${paths[$i]}" "${cookies[$i]}"
  before=$(ls "$scratch" | grep -c '^cg.out' || true)
  callgrind_control -d "$server_pid" >/dev/null 2>&1
  dump=""
  for _ in $(seq 600); do
    dump=$(ls -t "$scratch"/cg.out.* 2>/dev/null | head -1 || true)
    [ -n "$dump" ] && [ "$(ls "$scratch" | grep -c '^cg.out')" -gt "$before" ] && grep -q '^totals:' "$dump" && break
    sleep 0.2
  done
  total=$(awk '/^totals:/ { print $2 }' "$dump")
  printf '%s\t%d\n' "${names[$i]}" $((total / requests))
  rm -f "$scratch"/cg.out.*
done
