#!/usr/bin/env bash
# Stops the broker that start.sh launched, by the PID in its PID file, and removes the temporary
# directory start.sh created (a directory you named is kept).
#   stop.sh [--keep-dir]
#   KAFKA_PORT / KAFKA_PID_FILE   as for start.sh (default <repo>/.kafka/broker-<port>.pid)
#   KAFKA_STOP_TIMEOUT            seconds before SIGKILL (default 30)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${KAFKA_PORT:-9092}"
pid_file="${KAFKA_PID_FILE:-$root/.kafka/broker-$port.pid}"
timeout="${KAFKA_STOP_TIMEOUT:-30}"
keep_dir=0
[[ "${1:-}" == "--keep-dir" ]] && keep_dir=1

if [[ ! -f "$pid_file" ]]; then
  echo "no PID file at $pid_file; nothing to stop"
  exit 0
fi
pid="$(cat "$pid_file")"

# Only signal the process if it still is our broker: a stale PID may belong to something else now.
if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka'; then
  kill -TERM "$pid"
  deadline=$(( SECONDS + timeout ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      echo "broker $pid ignored SIGTERM for ${timeout}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  echo "stopped kafka broker (pid $pid)"
else
  echo "broker $pid from $pid_file is not running"
fi

if [[ -f "$pid_file.tmpdir" ]]; then
  tmpdir="$(cat "$pid_file.tmpdir")"
  if (( ! keep_dir )); then rm -rf "$tmpdir"; fi
  rm -f "$pid_file.tmpdir"
fi
rm -f "$pid_file"
