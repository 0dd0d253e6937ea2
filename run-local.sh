#!/usr/bin/env bash
# Runs Vigil on this machine: a single-node Kafka (KRaft, no Docker) and the five services on
# loopback, the collector watching this machine. All data under $VIGIL_DATA (default ./data).
# Builds first when a service jar is missing or older than the sources. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
DATA=${VIGIL_DATA:-$ROOT/data}
KAFKA_PORT=${VIGIL_KAFKA_PORT:-9092}
METRICS_PORT=${VIGIL_METRICS_PORT:-9090}
LOGS_PORT=${VIGIL_LOGS_PORT:-3100}
ALERT_PORT=${VIGIL_ALERT_PORT:-9093}
DIAG_PORT=${VIGIL_DIAGNOSTICS_PORT:-9104}
COLLECTOR_PORT=${VIGIL_COLLECTOR_PORT:-9101}
HEAP=${VIGIL_HEAP:-512m}
SERVICES="metrics-service logs-service alert-service diagnostics-service collector-service"

needs_build() {
  [ -f local-kafka/target/runtime-classpath.txt ] || return 0
  for s in $SERVICES; do
    [ -f "$s/target/quarkus-app/quarkus-run.jar" ] || return 0
  done
  # any source or pom newer than the newest run jar
  [ -n "$(find . -path ./data -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' -o -name '*.proto' \) \
      -newer collector-service/target/quarkus-app/quarkus-run.jar -print -quit)" ]
}

if needs_build; then
  echo "building Vigil (first run or sources changed)..."
  ./mvnw -B -q -Dmaven.test.skip=true install
fi

mkdir -p "$DATA/logs"
PIDS=()
stop_all() {
  trap - INT TERM EXIT
  echo "stopping Vigil..."
  # services first (PIDS[0] is the broker), so they can commit offsets and leave their groups
  stop_pids "${PIDS[@]:1}"
  [ ${#PIDS[@]} -gt 0 ] && stop_pids "${PIDS[0]}"
  echo "stopped"
}
stop_pids() { # SIGTERM, up to 30 s to exit, then SIGKILL
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  for pid in "$@"; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  wait "$@" 2>/dev/null || true
}
trap stop_all INT TERM EXIT

wait_http() { # url name pid
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null --max-time 1 "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "$2 exited; see $DATA/logs/$2.log" >&2; tail -n 30 "$DATA/logs/$2.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "$2 did not answer $1 within 120 s; see $DATA/logs/$2.log" >&2
  exit 1
}

# Children run in their own session: a Ctrl-C in the terminal reaches only this script, whose
# trap stops the services first and the broker last, so the services can commit and leave cleanly.
setsid java -Xmx"$HEAP" -cp "local-kafka/target/classes:$(cat local-kafka/target/runtime-classpath.txt)" \
  dev.vigil.kafka.LocalKafkaMain --port "$KAFKA_PORT" --data-dir "$DATA/kafka" --partitions 4 \
  >"$DATA/logs/kafka.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do grep -q "ready on" "$DATA/logs/kafka.log" 2>/dev/null && break
  kill -0 "${PIDS[0]}" 2>/dev/null || { tail -n 30 "$DATA/logs/kafka.log" >&2; exit 1; }; sleep 0.2; done
echo "kafka               127.0.0.1:$KAFKA_PORT"

start() { # service port extra-args...
  local s=$1 port=$2; shift 2
  setsid java -Xmx"$HEAP" -Dquarkus.http.port="$port" -Dkafka.bootstrap.servers="127.0.0.1:$KAFKA_PORT" \
    -Dvigil.data-dir="$DATA" "$@" -jar "$s/target/quarkus-app/quarkus-run.jar" >"$DATA/logs/$s.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$port/q/health/live" "$s" "$!"
  printf '%-19s http://127.0.0.1:%s\n' "$s" "$port"
}

start metrics-service "$METRICS_PORT"
start logs-service "$LOGS_PORT"
start alert-service "$ALERT_PORT" \
  -Dvigil.alert.query-url="http://127.0.0.1:$METRICS_PORT" \
  -Dvigil.alert.logs-url="http://127.0.0.1:$LOGS_PORT" \
  -Dvigil.alert.rule-files="${VIGIL_RULES:-$ROOT/config/local/rules.yml}" \
  -Dvigil.alert.config-file="${VIGIL_ALERTMANAGER_CONFIG:-$ROOT/config/local/alertmanager.yml}"
start diagnostics-service "$DIAG_PORT"
LOG_FILES=${VIGIL_LOG_FILES:-$(printf '%s,' "$DATA"/logs/{kafka,metrics-service,logs-service,alert-service,diagnostics-service}.log)}
start collector-service "$COLLECTOR_PORT" -Xmx128m -Dvigil.collector.log-files="$LOG_FILES"

echo "Vigil is running; data in $DATA. Ctrl-C stops it."
wait
