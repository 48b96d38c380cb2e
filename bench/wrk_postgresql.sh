#!/usr/bin/env bash
# PostgreSQL beside SQLite on the synthetic national data set (issue 26):
#  1. the national load (`resettle demo --scale national`) into a new SQLite file and into a new
#     PostgreSQL database, one after the other, each against its backend's raw inserts (rows/s);
#  2. the five list scenarios of bench/wrk_national.sh (POM's own caseload, POM's whole prison, POM's
#     worklist, COM's own caseload, COM's worklist), each measured in turn on one server on SQLite
#     (var/national.db), one server on PostgreSQL (a copy of it, by `resettle copy`), and two servers on
#     that PostgreSQL database behind nginx (deploy/nginx/resettle.conf, on free ports). Each PostgreSQL
#     rate is paired with the SQLite run just before it (goal: at least 70%), and each two-server rate
#     with the one-server run just before it (goal: at least 90%: on two cores the servers share the CPU,
#     so this measures what coordination costs, not scale); the medians of the pairs' shares are reported.
# The PostgreSQL cluster is ./dev test's throwaway one (its functions are read from ./dev), removed at the
# end with everything else the script started.
#
# usage: bench/wrk_postgresql.sh [BUILD_DIR]      (a Release build with -DRESETTLE_BENCH=ON: build/bench)
# var/national.db is bench/wrk_national.sh's cache (loaded here when missing; BENCH_NATIONAL_DB=FILE copies
# that file there instead). BENCH_LOAD_FRACTION (0.01) is the share of the national data set the load
# comparison loads (1 for all of it; 0 skips it). BENCH_RUNS (3), BENCH_SECONDS (8), BENCH_CONNECTIONS (8)
# and BENCH_TIMEOUT (2s) tune the wrk runs as in bench/wrk_national.sh. BENCH_BEFORE=BUILD_DIR adds, after
# each SQLite run, one server on the same PostgreSQL database run by BUILD_DIR's `resettle` (a change's A/B
# in one run; its share of SQLite is reported beside the one server's).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/bench}
db=var/national.db
runs=${BENCH_RUNS:-3}
seconds=${BENCH_SECONDS:-8}
connections=${BENCH_CONNECTIONS:-8}
timeout=${BENCH_TIMEOUT:-2s}
load_fraction=${BENCH_LOAD_FRACTION:-0.01}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
mkdir -p var
if [ ! -f "$db" ] && [ -n "${BENCH_NATIONAL_DB:-}" ]; then
  cp "$BENCH_NATIONAL_DB" "$db.loading" && mv "$db.loading" "$db"
fi
if [ -f "$db" ]; then
  "$build/resettle" migrate --db "$db" >/dev/null
else
  rm -f "$db.loading" "$db.loading-wal" "$db.loading-shm"
  "$build/resettle" demo --db "$db.loading" --scale national | grep -E '^(National|Load)' >&2
  mv "$db.loading" "$db"
fi

scratch=$(mktemp -d)
pids=()
source <(sed -n '/^start_test_postgres()/,/^}/p;/^stop_test_postgres()/,/^}/p' dev)
start_test_postgres
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_test_postgres
  rm -rf "$scratch"
}
trap cleanup EXIT
database() { printf 'postgresql:///%s?host=%s&user=resettle' "$1" "$TEST_POSTGRES_DIR"; }
create_database() { psql "$RESETTLE_TEST_POSTGRES" --quiet --no-psqlrc --command "CREATE DATABASE $1"; }

if [ "$load_fraction" != 0 ]; then
  echo "national load, a share of $load_fraction:" >&2
  "$build/resettle" demo --db "$scratch/load.db" --scale national --fraction "$load_fraction" | grep '^Load' | sed 's/^/  SQLite: /' >&2
  create_database load
  "$build/resettle" demo --db "$(database load)" --scale national --fraction "$load_fraction" | grep '^Load' |
    sed 's/^/  PostgreSQL: /' >&2
fi

create_database national
postgresql=$(database national)
started=$(date +%s.%N)
"$build/resettle" copy --from "$db" --to "$postgresql" >/dev/null
echo "resettle copy of $db to PostgreSQL: $(awk -v from="$started" -v to="$(date +%s.%N)" 'BEGIN { printf "%.1f", to - from }') s" >&2

source "$(dirname "$0")/start_server.sh"
# Insight's figures are not made ahead (--insight-every 0) on any server: that making, at start-up, would
# share the CPU with the runs, and the lists measured here do not read them.
start "$scratch/sqlite.log" sqlite_port "$build/resettle" serve --db "$db" --port 0 --insight-every 0
setups=(sqlite one two)
for server in one two; do
  start "$scratch/$server.log" "${server}_port" "$build/resettle" serve --db "$postgresql" --port 0 --insight-every 0 \
    --trusted-proxy 127.0.0.1 --max-connections-per-address 4096
done
if [ -n "${BENCH_BEFORE:-}" ]; then
  start "$scratch/before.log" before_port "$BENCH_BEFORE/resettle" serve --db "$postgresql" --port 0 --insight-every 0
  before_app="http://127.0.0.1:$before_port"
  setups=(sqlite before one two)
fi

# nginx with the repository's configuration, its two servers' ports and its own listening port free ones.
nginx_port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
mkdir -p "$scratch/nginx"
sed -e "s/127.0.0.1:8081/127.0.0.1:$one_port/; s/127.0.0.1:8082/127.0.0.1:$two_port/; s/listen 127.0.0.1:8080/listen 127.0.0.1:$nginx_port/" \
  deploy/nginx/resettle.conf >"$scratch/nginx/resettle.conf"
cat >"$scratch/nginx/nginx.conf" <<CONF
daemon off;
pid $scratch/nginx/nginx.pid;
error_log stderr;
events {}
http {
  access_log off;
  client_body_temp_path $scratch/nginx/body;
  proxy_temp_path $scratch/nginx/proxy;
  fastcgi_temp_path $scratch/nginx/fastcgi;
  uwsgi_temp_path $scratch/nginx/uwsgi;
  scgi_temp_path $scratch/nginx/scgi;
  include $scratch/nginx/resettle.conf;
}
CONF
/usr/sbin/nginx -p "$scratch/nginx" -e stderr -c "$scratch/nginx/nginx.conf" 2>"$scratch/nginx.log" &
pids+=($!)
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/health" && break; sleep 0.1; done

source bench/sign_in.sh
sqlite_app="http://127.0.0.1:$sqlite_port" one_app="http://127.0.0.1:$one_port" two_app="http://127.0.0.1:$nginx_port"
sqlite_pom=$(sign_in "$sqlite_app" "$scratch/sqlite-pom.jar" pom resettle-demo-password)
sqlite_com=$(sign_in "$sqlite_app" "$scratch/sqlite-com.jar" com resettle-demo-password)
# The servers on PostgreSQL share their sessions: signed in through nginx, used on all three addresses.
postgresql_pom=$(sign_in "$two_app" "$scratch/postgresql-pom.jar" pom resettle-demo-password)
postgresql_com=$(sign_in "$two_app" "$scratch/postgresql-com.jar" com resettle-demo-password)
for cookie in "$sqlite_pom" "$sqlite_com" "$postgresql_pom" "$postgresql_com"; do
  [ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
done

names=("caseload, POM's own cases" "caseload, POM's whole prison" "handover worklist, POM" "caseload, COM's own cases"
       "handover worklist, COM")
paths=(/caseload "/caseload?view=unit" /worklists /caseload /worklists)
roles=(pom pom pom com com)

# One wrk run: "requests/s p99-in-ms"; a run with errors or non-2xx answers stops the benchmark.
measure() {
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout "$timeout" --latency -H "Cookie: $2" "$1")
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "wrk reported errors for $1:" >&2; echo "$out" >&2; exit 1; fi
  awk '/Requests\/sec:/ { rate = $2 }
       $1 == "99%" { v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v)
                     p99 = unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : v }
       END { printf "%.0f %.2f\n", rate, p99 }' <<<"$out"
}

declare -A rates p99s
for run in $(seq "$runs"); do
  for i in "${!names[@]}"; do
    for setup in "${setups[@]}"; do
      app_var=${setup}_app
      cookie_var=$([ "$setup" = sqlite ] && echo sqlite || echo postgresql)_${roles[$i]}
      read -r rate p99 < <(measure "${!app_var}${paths[$i]}" "${!cookie_var}")
      rates[$i,$setup]+="$rate " p99s[$i,$setup]+="$p99 "
      echo "run $run: ${names[$i]}, $setup: $rate req/s, p99 $p99 ms (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    done
  done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# The share of each run against the run just before it, the median of those shares, and their range.
shares() { awk -v page="$1" -v base="$2" 'BEGIN { n = split(page, p, " "); split(base, e, " ")
                                                 for (k = 1; k <= n; k++) printf "%f ", 100 * p[k] / e[k] }'; }
spread() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk 'NR == 1 { low = $1 } { high = $1 } END { printf "%.1f-%.1f%%", low, high }'; }
echo
echo "wrk -t2 -c$connections, ${seconds}s per run, median of $runs runs; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-29s | %17s | %16s | %16s | %s | %s |\n' scenario "SQLite: req/s, p99" "PostgreSQL" "2 behind nginx" \
  "PostgreSQL/SQLite (pairs)" "2 servers/1 (pairs)"
for i in "${!names[@]}"; do
  ratio_one=$(shares "${rates[$i,one]}" "${rates[$i,sqlite]}")
  ratio_two=$(shares "${rates[$i,two]}" "${rates[$i,one]}")
  awk -v name="${names[$i]}" -v s="$(median "${rates[$i,sqlite]}")" -v sp="$(median "${p99s[$i,sqlite]}")" \
      -v o="$(median "${rates[$i,one]}")" -v op="$(median "${p99s[$i,one]}")" \
      -v t="$(median "${rates[$i,two]}")" -v tp="$(median "${p99s[$i,two]}")" \
      -v one="$(median "$ratio_one")" -v one_pairs="$(spread "$ratio_one")" \
      -v two="$(median "$ratio_two")" -v two_pairs="$(spread "$ratio_two")" 'BEGIN {
    printf "| %-29s |  %5d, %6.1f ms | %5d, %6.1f ms | %5d, %6.1f ms | %5.1f%% (%s) %s | %5.1f%% (%s) %s |\n",
      name, s, sp, o, op, t, tp, one, one_pairs, (one >= 70 ? "met" : "missed"), two, two_pairs, (two >= 90 ? "met" : "missed") }'
done
if [ -n "${BENCH_BEFORE:-}" ]; then
  echo
  echo "before ($BENCH_BEFORE): one server on PostgreSQL, its share of SQLite and the share after the change, pair by pair"
  for i in "${!names[@]}"; do
    before=$(shares "${rates[$i,before]}" "${rates[$i,sqlite]}")
    after=$(shares "${rates[$i,one]}" "${rates[$i,sqlite]}")
    printf '| %-29s | %5d req/s | before %5.1f%% (%s) | after %5.1f%% (%s) |\n' "${names[$i]}" \
      "$(median "${rates[$i,before]}")" "$(median "$before")" "$(spread "$before")" "$(median "$after")" "$(spread "$after")"
  done
fi
