#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker (KRaft, broker and controller in one JVM) on loopback
# for development and tests, and returns once it has accepted a real produce.
#   start.sh [dir]            dir holds server.properties, data/ (wiped) and broker.log;
#                             default: a fresh temporary directory that stop.sh removes
#   KAFKA_PORT                PLAINTEXT listener port (default 9092)
#   KAFKA_CONTROLLER_PORT     controller listener port (default 9093)
#   KAFKA_DIR                 same as the dir argument
#   KAFKA_REUSE_DATA=1        keep an already formatted <dir>/data (restart a stopped broker with
#                             its topics and offsets, e.g. in fault tests) instead of wiping it
#   KAFKA_PID_FILE            default <repo>/.kafka/broker-<port>.pid (stop.sh reads the same)
#   KAFKA_LIBS_DIR            broker jars (default <repo>/.kafka/libs, filled by fetch.sh)
#   KAFKA_HEAP_OPTS           default -Xmx512m
#   KAFKA_START_TIMEOUT       seconds to wait for readiness (default 90)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
pid_file="${KAFKA_PID_FILE:-$root/.kafka/broker-$port.pid}"
export KAFKA_LIBS_DIR="${KAFKA_LIBS_DIR:-$root/.kafka/libs}"
heap_opts="${KAFKA_HEAP_OPTS:--Xmx512m}"
timeout="${KAFKA_START_TIMEOUT:-90}"
dir="${1:-${KAFKA_DIR:-}}"

fail() { echo "start.sh: $*" >&2; exit 1; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  fail "a broker from $pid_file is running already (pid $(cat "$pid_file")); run stop.sh first"
fi
if [[ -f "$pid_file.tmpdir" ]]; then
  # Left by a broker that died without stop.sh: its temporary directory is ours to remove.
  rm -rf "$(cat "$pid_file.tmpdir")" "$pid_file.tmpdir"
fi
for p in "$port" "$controller_port"; do
  if listening "$p"; then fail "port $p on 127.0.0.1 is in use; set KAFKA_PORT / KAFKA_CONTROLLER_PORT"; fi
done
command -v java >/dev/null || fail "java (17+) is required"
command -v node >/dev/null || fail "node is required for the readiness probe"

"$here/fetch.sh" >/dev/null

if [[ -z "$dir" ]]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/kafka-$port.XXXXXX")"
  temporary=1
else
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  temporary=0
fi
config="$dir/server.properties"
reuse=0
if [[ "${KAFKA_REUSE_DATA:-0}" == 1 && -f "$dir/data/meta.properties" ]]; then
  reuse=1
else
  rm -rf "$dir/data"
fi
log="$dir/broker.log"

cat >"$config" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$dir/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
# One node: every internal topic must fit on it, or consumer groups never find a coordinator.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
# Tests create many short-lived groups; the default 3 s delay would slow every first join.
group.initial.rebalance.delay.ms=0
EOF

classpath="$KAFKA_LIBS_DIR/*"
java_opts=(-Djava.awt.headless=true "-Dlog4j2.configurationFile=$here/log4j2.xml")

format_storage() {
  local cluster_id=""
  while [[ -z "$cluster_id" || "$cluster_id" == -* ]]; do
    # Kafka's random-uuid: 16 random bytes, base64url without padding, never starting with '-'.
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  java "${java_opts[@]}" -cp "$classpath" kafka.tools.StorageTool format --standalone \
    -t "$cluster_id" -c "$config" >"$log" 2>&1 || { tail -n 40 "$log" >&2; fail "formatting $dir/data failed"; }
}
(( reuse )) || format_storage

mkdir -p "$(dirname "$pid_file")"
# setsid: the broker outlives this script and the caller's process group; stop.sh ends it by PID.
# shellcheck disable=SC2086 # heap_opts holds several JVM flags
setsid java $heap_opts "${java_opts[@]}" -cp "$classpath" kafka.Kafka "$config" >>"$log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$pid_file"
if (( temporary )); then echo "$dir" >"$pid_file.tmpdir"; else rm -f "$pid_file.tmpdir"; fi

deadline=$(( SECONDS + timeout ))
until node "$here/probe-produce.mjs" "127.0.0.1:$port" >/dev/null 2>"$dir/probe.err"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -n 60 "$log" >&2
    rm -f "$pid_file"
    fail "the broker exited during start-up (log: $log)"
  fi
  if (( SECONDS >= deadline )); then
    tail -n 60 "$log" >&2
    echo "last probe error: $(cat "$dir/probe.err")" >&2
    KAFKA_PID_FILE="$pid_file" "$here/stop.sh" --keep-dir >/dev/null || true
    fail "the broker did not accept a produce within ${timeout}s (log: $log)"
  fi
  sleep 1
done
rm -f "$dir/probe.err"
echo "kafka ready on 127.0.0.1:$port (pid $pid, dir $dir)"
