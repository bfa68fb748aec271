#!/bin/bash
# Query latency of one index against the same articles as local shards and
# as shards served by xapian-tcpsrv, one set-up after another on this machine.
#
#   tools/bench/shard_bench.sh BUILD_DIR QUERIES OUT_DIR ONE_INDEX LOCAL_SHARDED REMOTE_SHARDED
#
# ONE_INDEX is a warta-indexer index; LOCAL_SHARDED and REMOTE_SHARDED are
# indexes built with --shards N (DIR/shard-NN and DIR/dictionary). Each
# shard of REMOTE_SHARDED is served by its own xapian-tcpsrv on 127.0.0.1.
# Every server is started here on a free port and stopped by its PID.
# Figures go to OUT_DIR/<set-up>.json and the tables to stdout.
# Environment: SEARCHD_THREADS (2), MIN_QUERIES (400), CONCURRENCY (1),
# SEARCHD_ARGS (--result-cache-mb 0: every search is matched, none cached).
set -euo pipefail

if [ $# -ne 6 ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
build=$1 queries=$2 out=$3 one=$4 local_sharded=$5 remote_sharded=$6
searchd=$build/searchd/warta-searchd
bench=$build/tools/warta-bench-search
threads=${SEARCHD_THREADS:-2}
min_queries=${MIN_QUERIES:-400}
concurrency=${CONCURRENCY:-1}
read -r -a searchd_args <<< "${SEARCHD_ARGS:---result-cache-mb 0}"
mkdir -p "$out"

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_all EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Waits until something accepts connections on 127.0.0.1:$1.
wait_for_port() {
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1 after 60 s" >&2
  return 1
}

# run_setup NAME SEARCHD-ARGS...: starts searchd, benchmarks it, stops it.
run_setup() {
  local name=$1; shift
  local port; port=$(free_port)
  "$searchd" --listen "127.0.0.1:$port" --threads "$threads" "${searchd_args[@]}" "$@" > "$out/$name.searchd.log" 2>&1 &
  local searchd_pid=$!
  pids+=("$searchd_pid")
  wait_for_port "$port"
  echo "== $name (load $(cut -d' ' -f1-3 /proc/loadavg))"
  "$bench" --queries "$queries" --server "http://127.0.0.1:$port" --targets http --modes plain,facets \
    --concurrency "$concurrency" --min-queries "$min_queries" --warmup-passes 1 --json "$out/$name.json"
  echo "searchd $(grep VmHWM "/proc/$searchd_pid/status")"
  kill "$searchd_pid"; wait "$searchd_pid" 2>/dev/null || true
}

run_setup one-local --db "$one"
run_setup sharded-local --db "$local_sharded"

remote_args=()
for shard in "$remote_sharded"/shard-*; do
  port=$(free_port)
  xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$shard" > "$out/tcpsrv-$(basename "$shard").log" 2>&1 &
  pids+=("$!")
  wait_for_port "$port"
  remote_args+=(--remote "127.0.0.1:$port")
done
run_setup sharded-remote "${remote_args[@]}" --dictionary "$remote_sharded/dictionary"
