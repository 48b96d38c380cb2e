#!/usr/bin/env bash
# Instructions a booking in the release-date calculation (calculate_release_dates and what it calls),
# counted by callgrind over BM_BookingKeyDatesAndResponsibility's synthetic bookings. The count does
# not depend on what else the host is doing, so it is the steady measure beside the CPU time per million.
#
# usage: bench/callgrind_key_dates.sh KEY_DATES_BENCH [BOOKINGS (20000)]
#   KEY_DATES_BENCH is a key_dates_bench built Release (-DRESETTLE_BENCH=ON); BOOKINGS the first N of
#   the fixed-seed bookings (RESETTLE_BENCH_CASES). One benchmark iteration runs (a tiny minimum time).
# Prints "instructions<TAB>instructions a booking".
set -euo pipefail
bench=$1 bookings=${2:-20000}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
RESETTLE_BENCH_CASES=$bookings valgrind --tool=callgrind --callgrind-out-file="$out" \
  --toggle-collect='resettle::calculate_release_dates*' \
  "$bench" --benchmark_filter=BM_BookingKeyDates --benchmark_min_time=0.000001 >/dev/null 2>&1
total=$(callgrind_annotate "$out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
printf '%s\t%s\n' "$total" "$((total / bookings))"
