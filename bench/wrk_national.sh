#!/usr/bin/env bash
# wrk scenarios on the synthetic national data set: the caseload page (own cases and the whole
# unit), the handover worklist (/worklists), the COM's licence worklists (licences due, and
# licences still to go through with the person), the COM's diary, the contact and MAPPA worklists,
# signed in through the real sign-in form as the POM of a busy prison and the COM of a busy PDU; the
# home page of a person on licence there (/my), signed in with the code sent to them; the insight
# views, national and a region's, signed in as the administrator (two-factor); and our server core's empty response
# (bench/empty_response_server.cpp). Each is reported against the limit of the stack, a bare
# Boost.Beast server answering an empty 200 (bench/bare_beast_server.cpp), measured in the same run.
#
# usage: bench/wrk_national.sh [BUILD_DIR]      (./dev bench runs it with build/bench)
# The national database is cached at var/national.db (delete it to load it again); new schema
# migrations are applied to the cached copy (its case dates are those of the day it was loaded;
# `resettle refresh` works them out for today). BENCH_RUNS (3), BENCH_SECONDS (8) and
# BENCH_CONNECTIONS (8) tune the runs; the medians of the runs are reported, and each scenario's
# share of the bare server is the median of its shares against the bare run just before it.
# BENCH_PAGES=0 measures only the server core (the empty responses), without the national data.
# BENCH_ONLY=REGEX measures only the scenarios whose names match (grep -E), after the empty response.
# BENCH_TIMEOUT (2s, wrk's own) is how long a request may take before wrk counts it as an error.
# BENCH_INSIGHT=1 adds the insight views (national and a region), after timing the first request of each
# (once the server has made every case's figures ahead) and the first request after a write (three of each).
# BENCH_WRITES_EVERY=SECONDS makes such a write every SECONDS through the runs (see below).
# BENCH_CPU=1 also reads each server's CPU time during every run (`perf stat -e task-clock -p PID`)
# and reports CPU microseconds per request and the share of the bare server by CPU (the bare run's
# CPU per request over the scenario's, pair by pair): the measure that holds on a busy host.
# BENCH_BEFORE=BUILD_DIR measures each page twice, A/B in the same run: right after each scenario, the
# same request to a second server, BUILD_DIR's `resettle`, on the same database (so the same sessions
# sign it in), each with a bare run of its own; its rows are named "..., before".
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/bench}
db=var/national.db
runs=${BENCH_RUNS:-3}
seconds=${BENCH_SECONDS:-8}
connections=${BENCH_CONNECTIONS:-8}
pages=${BENCH_PAGES:-1}
cpu=${BENCH_CPU:-0}
only=${BENCH_ONLY:-}
timeout=${BENCH_TIMEOUT:-2s}

mkdir -p var
if [ "$pages" = 0 ]; then
  :
elif [ -f "$db" ]; then
  "$build/resettle" migrate --db "$db" >/dev/null
else
  # Loaded under another name first, so an interrupted load is never mistaken for a cached one.
  rm -f "$db.loading" "$db.loading-wal" "$db.loading-shm"
  "$build/resettle" demo --db "$db.loading" --scale national
  mv "$db.loading" "$db"
fi

scratch=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

source "$(dirname "$0")/start_server.sh"
start "$scratch/bare.log" bare_port "$build/bare_beast_server" --port 0
bare_pid=$server_pid
start "$scratch/empty.log" empty_port "$build/empty_response_server" --port 0
servers=("$server_pid")
names=("our server's empty response")
urls=("http://127.0.0.1:$empty_port/")
cookies=("")
goals=(90)
p99_goals=("")
if [ "$pages" != 0 ]; then
  # Without BENCH_INSIGHT the servers do nothing beside the requests: insight's figures made ahead (tens of
  # seconds of CPU after start-up) and the outbox's sends would count in the pages' CPU time.
  serve_options=(--send-every 0)
  [ "${BENCH_INSIGHT:-0}" = 1 ] || serve_options+=(--insight-every 0)
  start "$scratch/serve.log" app_port "$build/resettle" serve --db "$db" --port 0 "${serve_options[@]}"
  app_pid=$server_pid
  app="http://127.0.0.1:$app_port"

  source bench/sign_in.sh
  pom_cookie=$(sign_in "$app" "$scratch/pom.jar" pom resettle-demo-password)
  com_cookie=$(sign_in "$app" "$scratch/com.jar" com resettle-demo-password)
  [ -n "$pom_cookie" ] && [ -n "$com_cookie" ] || { echo "sign-in failed" >&2; exit 1; }

  # A reference beside the empty response: the same server sending a fixed body as long as the POM's
  # caseload page, which shows how much of a page's cost is only moving its bytes.
  page_bytes=$(curl -sf -o /dev/null -w '%{size_download}' -H "Cookie: $pom_cookie" "$app/caseload")
  start "$scratch/sized.log" sized_port "$build/empty_response_server" --port 0 --body-bytes "$page_bytes"
  servers+=("$server_pid" "$app_pid" "$app_pid" "$app_pid" "$app_pid" "$app_pid" "$app_pid" "$app_pid")

  names+=("fixed body, caseload's size" "caseload, POM's own cases" "caseload, POM's whole prison" "handover worklist, POM"
          "caseload, COM's own cases" "handover worklist, COM" "licences due, COM" "licences to go through, COM")
  urls+=("http://127.0.0.1:$sized_port/" "$app/caseload" "$app/caseload?view=unit" "$app/worklists"
         "$app/caseload" "$app/worklists" "$app/worklists/licences" "$app/worklists/licences-to-explain")
  cookies+=("" "$pom_cookie" "$pom_cookie" "$pom_cookie" "$com_cookie" "$com_cookie" "$com_cookie" "$com_cookie")
  goals+=("" 45 45 45 45 45 45 45)
  p99_goals+=("" 20 20 20 20 20 20 20)

  # The person: the first on licence in the COM's PDU with an account they have signed in with before.
  contact=$(sqlite3 "$db" "SELECT a.contact_value FROM person_account a JOIN person p ON p.id = a.person_id
                           WHERE a.status = 'active' AND p.pdu_code = 'LEE' ORDER BY a.id LIMIT 1")
  person_cookie=$(sign_in_person "$app" "$scratch/person.jar" "$contact" "$db")
  admin_cookie=$(sign_in_two_factor "$app" "$scratch/admin.jar" admin resettle-demo-password)
  [ -n "$person_cookie" ] && [ -n "$admin_cookie" ] || { echo "person or admin sign-in failed" >&2; exit 1; }
  servers+=("$app_pid" "$app_pid" "$app_pid" "$app_pid" "$app_pid")
  names+=("diary, COM" "contact worklist, COM" "MAPPA worklist, COM" "MAPPA worklist, POM" "person's home page")
  urls+=("$app/diary" "$app/worklists/contact" "$app/worklists/mappa" "$app/worklists/mappa" "$app/my")
  cookies+=("$com_cookie" "$com_cookie" "$com_cookie" "$pom_cookie" "$person_cookie")
  goals+=(45 45 45 45 45)
  p99_goals+=(20 20 20 20 20)
  # Insight's goal is its p99 alone (issue 25). A national request takes seconds today (docs/benchmarks.md),
  # longer than wrk waits by default, so these run only when asked for: BENCH_INSIGHT=1, with BENCH_TIMEOUT.
  if [ "${BENCH_INSIGHT:-0}" = 1 ]; then
    servers+=("$app_pid" "$app_pid")
    names+=("insight, national" "insight, a region")
    urls+=("$app/insight?scope=national" "$app/insight?scope=region&code=YH")
    cookies+=("$admin_cookie" "$admin_cookie")
    goals+=("" "")
    p99_goals+=(100 100)
    # The server makes every case's figures ahead of the requests, at start-up (docs/decisions.md): waited
    # for here (up to 10 minutes), so the first request below is one a server that has been up meets.
    for _ in $(seq 6000); do grep -q "Insight's figures made ahead" "$scratch/serve.log" && break; sleep 0.1; done
    echo "$(grep -m1 "Insight's figures made ahead" "$scratch/serve.log" || echo "figures not made ahead yet")" >&2
    # The server keeps each view's report while no change is recorded (docs/decisions.md), so the first
    # request sums it from the figures and the runs measure the kept ones: the first is timed here, on its own.
    for url in "$app/insight?scope=national" "$app/insight?scope=region&code=YH"; do
      echo "worked out from the records (first request): $url $(curl -sf -o /dev/null -w '%{time_total}' -H "Cookie: $admin_cookie" "$url") s" >&2
    done
    # Then each write of a record insight reads logs its person (migration 44), and the next request works
    # out that person's figures again and sums the view afresh: timed after a write that changes nothing
    # but is logged (an allocation's reason set to itself), three times per view.
    for url in "$app/insight?scope=national" "$app/insight?scope=region&code=YH"; do
      for _ in 1 2 3; do
        sqlite3 -cmd ".timeout 5000" "$db" "UPDATE allocation SET reason = reason WHERE id = (SELECT max(id) FROM allocation)"
        echo "first request after a write: $url $(curl -sf -o /dev/null -w '%{time_total}' -H "Cookie: $admin_cookie" "$url") s" >&2
      done
    done
  fi
fi
if [ -n "$only" ]; then
  for i in "${!names[@]}"; do
    if [ "$i" != 0 ] && ! grep -qE "$only" <<<"${names[$i]}"; then
      unset 'names[i]' 'urls[i]' 'cookies[i]' 'goals[i]' 'p99_goals[i]' 'servers[i]'
    fi
  done
fi
if [ -n "${BENCH_BEFORE:-}" ] && [ "$pages" != 0 ]; then
  start "$scratch/before.log" before_port "$BENCH_BEFORE/resettle" serve --db "$db" --port 0 "${serve_options[@]}"
  before_pid=$server_pid
  ab_names=() ab_urls=() ab_cookies=() ab_goals=() ab_p99_goals=() ab_servers=()
  for i in "${!names[@]}"; do
    ab_names+=("${names[$i]}") ab_urls+=("${urls[$i]}") ab_cookies+=("${cookies[$i]}")
    ab_goals+=("${goals[$i]}") ab_p99_goals+=("${p99_goals[$i]}") ab_servers+=("${servers[$i]}")
    if [[ "${urls[$i]}" == "$app"* ]]; then
      ab_names+=("${names[$i]}, before") ab_urls+=("http://127.0.0.1:$before_port${urls[$i]#"$app"}")
      ab_cookies+=("${cookies[$i]}") ab_goals+=("${goals[$i]}") ab_p99_goals+=("${p99_goals[$i]}")
      ab_servers+=("$before_pid")
    fi
  done
  names=("${ab_names[@]}") urls=("${ab_urls[@]}") cookies=("${ab_cookies[@]}")
  goals=("${ab_goals[@]}") p99_goals=("${ab_p99_goals[@]}") servers=("${ab_servers[@]}")
fi
bare="http://127.0.0.1:$bare_port/"
# BENCH_WRITES_EVERY=SECONDS: a write insight reads (as above) every SECONDS through all the runs, so the
# insight views are measured while the records change rather than between changes.
if [ -n "${BENCH_WRITES_EVERY:-}" ] && [ "$pages" != 0 ]; then
  while :; do
    sqlite3 -cmd ".timeout 5000" "$db" "UPDATE allocation SET reason = reason WHERE id = (SELECT max(id) FROM allocation)"
    sleep "$BENCH_WRITES_EVERY"
  done &
  pids+=($!)
fi

# One wrk run: "requests/s p99-in-ms CPU-us-per-request" (the last 0 without BENCH_CPU=1); a run
# with errors or non-2xx answers stops the benchmark. $3 is the pid of the server answering $1.
measure() {
  local out perf_pid="" cpu_ms=0
  if [ "$cpu" = 1 ]; then
    # The server's CPU time over the whole wrk run (an idle server adds nothing before or after it).
    perf stat -e task-clock -x, -o "$scratch/perf" -p "$3" -- sleep "$((seconds + 1))" &
    perf_pid=$!
    sleep 0.2
  fi
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout "$timeout" --latency ${2:+-H "Cookie: $2"} "$1")
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "wrk reported errors for $1:" >&2; echo "$out" >&2; exit 1; fi
  if [ -n "$perf_pid" ]; then
    wait "$perf_pid"
    cpu_ms=$(awk -F, '$3 == "task-clock" || $3 ~ /^task-clock/ { print $1 }' "$scratch/perf")
  fi
  awk -v cpu_ms="$cpu_ms" '/Requests\/sec:/ { rate = $2 }
       / requests in / { requests = $1 }
       $1 == "99%" { v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v)
                     p99 = unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : v }
       END { printf "%.0f %.2f %.2f\n", rate, p99, (requests > 0 ? 1000 * cpu_ms / requests : 0) }' <<<"$out"
}

# Each scenario is measured right after a bare-server run of its own, and its share is taken
# against that run: on this host the rates moved by a third between runs 16 s apart, and one
# baseline run per round set the shares of every scenario after it.
declare -A rates p99s paired_bare cpus paired_bare_cpu
bare_rates="" bare_p99s="" bare_cpus=""
for run in $(seq "$runs"); do
  for i in "${!names[@]}"; do
    read -r rate p99 us < <(measure "$bare" "" "$bare_pid")
    bare_rates+="$rate " bare_p99s+="$p99 " bare_cpus+="$us "
    paired_bare[$i]+="$rate "
    paired_bare_cpu[$i]+="$us "
    echo "run $run: bare Beast: $rate req/s, p99 $p99 ms$([ "$cpu" = 1 ] && echo ", CPU $us µs/request")" >&2
    read -r rate p99 us < <(measure "${urls[$i]}" "${cookies[$i]}" "${servers[$i]}")
    rates[$i]+="$rate "
    p99s[$i]+="$p99 "
    cpus[$i]+="$us "
    echo "run $run: ${names[$i]}: $rate req/s, p99 $p99 ms$([ "$cpu" = 1 ] && echo ", CPU $us µs/request")" >&2
  done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# A scenario's share of the bare server is worked out pair by pair, against the bare run just
# before it, and the median of those shares reported (with the lowest and highest, to show the
# noise): a share of two medians from different runs would carry the host's drift.
shares() { awk -v page="$1" -v base="$2" 'BEGIN { n = split(page, p, " "); split(base, e, " ")
                                                 for (k = 1; k <= n; k++) printf "%f ", 100 * p[k] / e[k] }'; }
spread() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk 'NR == 1 { low = $1 } { high = $1 } END { printf "%.1f-%.1f%%", low, high }'; }
echo
echo "wrk -t2 -c$connections, ${seconds}s per run, median of $runs runs, each scenario right after a bare Beast run;" \
  "bare Beast: $(median "$bare_rates") req/s, p99 $(median "$bare_p99s") ms (median of all its runs)"
printf '| %-30s | %8s | %8s | %13s | %13s | %s |\n' scenario "req/s" "p99 ms" "of bare Beast" "pairs" "goals (share / p99)"
for i in "${!names[@]}"; do
  rate=$(median "${rates[$i]}")
  p99=$(median "${p99s[$i]}")
  all=$(shares "${rates[$i]}" "${paired_bare[$i]}")
  share=$(median "$all")
  awk -v name="${names[$i]}" -v rate="$rate" -v p99="$p99" -v share="$share" -v pairs="$(spread "$all")" \
      -v goal="${goals[$i]}" -v p99_goal="${p99_goals[$i]}" 'BEGIN {
    verdict = goal == "" ? "-" : (share >= goal ? "met" : "missed") " (>= " goal "%)"
    latency = p99_goal == "" ? "-" : (p99 < p99_goal ? "met" : "missed") " (< " p99_goal " ms)"
    printf "| %-30s | %8d | %8.2f | %12.1f%% | %13s | %s / %s |\n", name, rate, p99, share, pairs, verdict, latency }'
done
if [ "$cpu" = 1 ]; then
  echo
  echo "CPU time of the server per request (perf stat -e task-clock), median of $runs runs;" \
    "bare Beast: $(median "$bare_cpus") µs (median of all its runs)"
  printf '| %-30s | %12s | %17s | %13s |\n' scenario "CPU µs/req" "of bare, by CPU" "pairs"
  for i in "${!names[@]}"; do
    all=$(shares "${paired_bare_cpu[$i]}" "${cpus[$i]}")
    awk -v name="${names[$i]}" -v us="$(median "${cpus[$i]}")" -v share="$(median "$all")" -v pairs="$(spread "$all")" 'BEGIN {
      printf "| %-30s | %12.1f | %16.1f%% | %13s |\n", name, us, share, pairs }'
  done
fi
