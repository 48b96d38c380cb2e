# Sourced by the wrk benchmarks (bench/wrk_national.sh, bench/wrk_postgresql.sh), which keep the
# servers they start in the array `pids` for their clean-up.

# Starts a server on a free port, logging to $1, and sets the variable named $2 to that port once the
# server says where it is serving. It runs in this shell, not a subshell, so the clean-up sees its pid.
start() {
  local log=$1 port_variable=$2; shift 2
  "$@" >"$log" 2>&1 &
  pids+=($!)
  server_pid=$!
  for _ in $(seq 100); do
    if grep -q 'http://' "$log"; then
      printf -v "$port_variable" '%s' "$(sed -n 's#.*http://[^:]*:\([0-9]*\).*#\1#p' "$log" | head -1)"
      return
    fi
    sleep 0.1
  done
  echo "server did not start: $(cat "$log")" >&2
  exit 1
}
