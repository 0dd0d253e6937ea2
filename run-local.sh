#!/usr/bin/env bash
# Runs Vigil on this machine: a single-node Kafka (KRaft, no Docker) and the five services on
# loopback, the collector watching this machine. All data under $VIGIL_DATA (default ./data).
# Builds first when a service jar is missing or older than the sources. Ctrl-C stops everything.
#
# Nothing outlives this script: Ctrl-C, SIGTERM and SIGHUP stop the stack here; a watchdog in its
# own session stops it within 30 s when this script dies without running its trap (SIGKILL); and
# the processes it started are listed in $VIGIL_DATA/run/, so the next start stops whatever is
# still there and says so.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
DATA=${VIGIL_DATA:-$ROOT/data}
case $DATA in /*) ;; *) DATA=$ROOT/$DATA ;; esac
RUN_DIR=$DATA/run
LOCK=$RUN_DIR/run-local.pid   # "pid start-time" of the script that owns this data folder
STATE=$RUN_DIR/processes      # "pid start-time name" of each process it started, broker first
KAFKA_PORT=${VIGIL_KAFKA_PORT:-9092}
METRICS_PORT=${VIGIL_METRICS_PORT:-9090}
LOGS_PORT=${VIGIL_LOGS_PORT:-3100}
ALERT_PORT=${VIGIL_ALERT_PORT:-9093}
DIAG_PORT=${VIGIL_DIAGNOSTICS_PORT:-9104}
COLLECTOR_PORT=${VIGIL_COLLECTOR_PORT:-9101}
HEAP=${VIGIL_HEAP:-512m}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SERVICES="metrics-service logs-service alert-service diagnostics-service collector-service"

# --- processes, identified by pid and start time so a reused pid is never taken for ours -------

proc_start() { # pid -> start time, empty when there is no such live process
  local stat
  if [ -d /proc/self ]; then
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
    stat=${stat##*) }           # the fields after the command name, which may hold spaces
    set -- $stat                # $1 is the state (field 3), $20 the start time (field 22)
    [ "$1" != Z ] && [ "$1" != X ] && echo "${20}"
  else
    ps -o lstart= -p "$1" 2>/dev/null | tr -s ' ' '_'
  fi
  return 0
}
alive() { # pid start
  [ -n "$1" ] && [ -n "$2" ] && [ "$(proc_start "$1")" = "$2" ]
}
stop_entries() { # seconds "pid start name"... : SIGTERM, SIGKILL what is left after the given seconds
  local secs=$1 e pid start name live=() ; shift
  for e in "$@"; do
    read -r pid start name <<<"$e"
    alive "$pid" "$start" && kill -TERM "$pid" 2>/dev/null && live+=("$e")
  done
  [ ${#live[@]} -gt 0 ] || return 0
  local deadline=$((SECONDS + secs))
  for e in "${live[@]}"; do
    read -r pid start name <<<"$e"
    while alive "$pid" "$start" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  done
  for e in "${live[@]}"; do
    read -r pid start name <<<"$e"
    if alive "$pid" "$start"; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
  return 0
}
stop_recorded() { # services-seconds broker-seconds: stops what $STATE lists, services first
  local entries=() e
  [ -f "$STATE" ] || return 0
  while IFS= read -r e; do [ -n "$e" ] && entries+=("$e"); done <"$STATE"
  [ ${#entries[@]} -gt 0 ] || return 0
  # services (and a build) first, so they can commit offsets and leave their groups; the broker last
  local others=() brokers=()
  for e in "${entries[@]}"; do
    case $e in *" kafka") brokers+=("$e") ;; *) others+=("$e") ;; esac
  done
  [ ${#others[@]} -gt 0 ] && stop_entries "$1" "${others[@]}"
  [ ${#brokers[@]} -gt 0 ] && stop_entries "$2" "${brokers[@]}"
  return 0
}
count_live() { # how many processes that $STATE lists are still running
  local n=0 pid start name
  [ -f "$STATE" ] || { echo 0; return; }
  while read -r pid start name; do alive "$pid" "$start" && n=$((n + 1)); done <"$STATE"
  echo $n
}

# --- the watchdog: started in its own session, outlives a SIGKILL of this script ---------------

if [ "${1:-}" = --watchdog ]; then # --watchdog script-pid script-start data-folder
  DATA=$4 RUN_DIR=$4/run LOCK=$4/run/run-local.pid STATE=$4/run/processes
  while alive "$2" "$3"; do sleep 1; done
  # The script is gone. If it stopped the stack itself it also removed its lock, and the folder
  # may already belong to a newer run: only a lock that still names the dead script means its
  # processes are there to stop.
  if [ "$(cat "$LOCK" 2>/dev/null)" = "$2 $3" ]; then
    stop_recorded 15 8
    if [ "$(cat "$LOCK" 2>/dev/null)" = "$2 $3" ]; then rm -f "$STATE" "$LOCK"; fi
  fi
  exit 0
fi

# --- before anything runs: tools, another run, leftovers, ports ---------------------------------

need() { command -v "$1" >/dev/null 2>&1 || { echo "run-local.sh needs $1 ($2)" >&2; exit 1; }; }
need "$JAVA" "a JDK 17 or newer; set JAVA_HOME or put java on the PATH"
need curl "to wait for each service to answer: apt-get install curl"
need setsid "from util-linux"
java_major=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
  echo "run-local.sh needs a JDK 17 or newer; $JAVA is version ${java_major:-unknown}" >&2; exit 1
fi

mkdir -p "$RUN_DIR" "$DATA/logs"
MY_START=$(proc_start $$)
take_lock() {
  ( set -o noclobber; echo "$$ $MY_START" >"$LOCK" ) 2>/dev/null
}
if ! take_lock; then
  read -r other other_start <"$LOCK" || true
  if alive "${other:-}" "${other_start:-}"; then
    echo "Vigil is already running from this folder (run-local.sh pid $other, data in $DATA); stop it with Ctrl-C in its terminal or kill $other" >&2
    exit 1
  fi
  rm -f "$LOCK"
  take_lock || { echo "another run-local.sh is starting with data in $DATA" >&2; exit 1; }
fi

# A run that died without stopping its processes (its watchdog killed too) left them listed.
left=$(count_live)
if [ "$left" -gt 0 ]; then
  echo "stopping $left processes left running by an earlier run-local.sh that did not stop them..."
  stop_recorded 15 8
  echo "stopped them"
fi
rm -f "$STATE"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$KAFKA_PORT VIGIL_KAFKA_PORT" "$METRICS_PORT VIGIL_METRICS_PORT" "$LOGS_PORT VIGIL_LOGS_PORT" \
         "$ALERT_PORT VIGIL_ALERT_PORT" "$DIAG_PORT VIGIL_DIAGNOSTICS_PORT" "$COLLECTOR_PORT VIGIL_COLLECTOR_PORT"; do
  set -- $p
  if port_busy "$1"; then
    rm -f "$LOCK"
    echo "port $1 is already in use on 127.0.0.1 (Vigil running from another folder?); stop that, or choose another port with $2" >&2
    exit 1
  fi
done

PIDS=()   # "pid start name" of every process started below, broker first
save_state() { if [ ${#PIDS[@]} -gt 0 ]; then printf '%s\n' "${PIDS[@]}" >"$STATE"; else rm -f "$STATE"; fi; }
track() { # pid name
  PIDS+=("$1 $(proc_start "$1") $2")
  save_state
}
stop_all() {
  trap - EXIT
  # a second Ctrl-C or SIGTERM, or a closed terminal or pipe, must not cut the stopping short
  trap '' INT TERM HUP PIPE
  set +e
  echo "stopping Vigil..." 2>/dev/null
  stop_recorded 30 15
  rm -f "$STATE" "$LOCK"
  echo "stopped" 2>/dev/null
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP
trap stop_all EXIT

setsid "$ROOT/$(basename "$0")" --watchdog $$ "$MY_START" "$DATA" </dev/null >/dev/null 2>&1 &

# --- build when needed, with progress --------------------------------------------------------

BUILT=target/run-local.built # touched when a build for this script succeeds
needs_build() {
  [ -f "$BUILT" ] && [ -f local-kafka/target/runtime-classpath.txt ] || return 0
  for s in $SERVICES; do
    [ -f "$s/target/quarkus-app/quarkus-run.jar" ] || return 0
  done
  # any main source, resource or pom changed since that build
  local data_rel=./${DATA#"$ROOT"/}
  [ -n "$(find . \( -name target -o -name .git -o -path ./data -o -path "$data_rel" \) -prune -o \
      -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$BUILT" -print -quit)" ]
}
build_progress() { # log build-pid: one line per module as Maven reaches it, and download counts
  local downloads=0 line
  tail -n +1 -F --pid="$2" "$1" 2>/dev/null | while IFS= read -r line; do
    case $line in
      "[INFO] Building "*"["*/*"]")
        line=${line#\[INFO\] Building }
        printf '  [%s %s\n' "${line##*[}" "$(echo "${line%[*}" | sed 's/ 0\.[^ ]*-SNAPSHOT *$//; s/ *$//')" ;;
      "[INFO] Downloaded from "*)
        downloads=$((downloads + 1))
        [ $((downloads % 250)) -eq 0 ] && echo "  ... $downloads files downloaded into the local Maven repository" ;;
      "[INFO] BUILD SUCCESS"*) echo "  build done" ;;
    esac
  done
}
if needs_build; then
  BUILD_LOG=$DATA/logs/build.log
  echo "building Vigil (first run or sources changed); Maven's output in $BUILD_LOG"
  echo "  a first build takes 1-2 minutes on 2 cores, plus downloading about 330 MB into ~/.m2"
  started=$SECONDS
  # -DskipTests, not -Dmaven.test.skip: test jars that other modules' test scope needs are still built
  ./mvnw -B -DskipTests package -pl local-kafka,metrics-service,logs-service,alert-service,diagnostics-service,collector-service -am \
    >"$BUILD_LOG" 2>&1 </dev/null &
  track $! build
  build_progress "$BUILD_LOG" "${PIDS[0]%% *}" &
  progress_pid=$!
  if ! wait "${PIDS[0]%% *}"; then
    sleep 0.5
    echo "build failed; the errors from $BUILD_LOG:" >&2
    grep -E '^\[ERROR\]' "$BUILD_LOG" | head -n 40 >&2 || tail -n 40 "$BUILD_LOG" >&2
    exit 1
  fi
  wait $progress_pid || true # the progress printer ends with the build
  PIDS=(); save_state
  mkdir -p target && touch "$BUILT"
  echo "built in $((SECONDS - started)) s"
fi

# --- start the broker and the services -----------------------------------------------------------

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
setsid "$JAVA" -Xmx"$HEAP" -cp "local-kafka/target/classes:$(cat local-kafka/target/runtime-classpath.txt)" \
  dev.vigil.kafka.LocalKafkaMain --port "$KAFKA_PORT" --data-dir "$DATA/kafka" --partitions 4 \
  >"$DATA/logs/kafka.log" 2>&1 </dev/null &
KAFKA_PID=$!
track $KAFKA_PID kafka
for _ in $(seq 1 600); do grep -q "ready on" "$DATA/logs/kafka.log" 2>/dev/null && break
  kill -0 $KAFKA_PID 2>/dev/null || { tail -n 30 "$DATA/logs/kafka.log" >&2; exit 1; }; sleep 0.2; done
echo "kafka               127.0.0.1:$KAFKA_PORT"

# With VIGIL_API_TOKEN set every service requires it (Authorization: Bearer <token>, or basic
# auth with the token as password); it goes to them in a file only this user can read, not on
# their command lines, where any user of the machine could see it.
AUTH=()
if [ -n "${VIGIL_API_TOKEN:-}" ]; then
  (umask 077 && printf '%s\n' "$VIGIL_API_TOKEN" >"$DATA/run/api-token")
  AUTH=(-Dvigil.auth.tokens-file="$DATA/run/api-token")
  echo "API authentication on: every request needs the token of VIGIL_API_TOKEN"
fi

start() { # service port extra-args...
  local s=$1 port=$2 pid; shift 2
  setsid "$JAVA" -Xmx"$HEAP" -Dquarkus.http.port="$port" -Dkafka.bootstrap.servers="127.0.0.1:$KAFKA_PORT" \
    -Dvigil.data-dir="$DATA" "${AUTH[@]}" "$@" -jar "$s/target/quarkus-app/quarkus-run.jar" >"$DATA/logs/$s.log" 2>&1 </dev/null &
  pid=$!
  track $pid "$s"
  wait_http "http://127.0.0.1:$port/q/health/live" "$s" $pid
  printf '%-19s http://127.0.0.1:%s\n' "$s" "$port"
}

# The stream services are static group members: a restarted instance takes its partitions back at
# once instead of waiting out the session of the member it replaces (45 s of REBALANCING).
start metrics-service "$METRICS_PORT" -Dkafka-streams.consumer.group.instance.id=local-metrics-service \
  -Dvigil.metrics.rules-url="http://127.0.0.1:$ALERT_PORT"
start logs-service "$LOGS_PORT" -Dkafka-streams.consumer.group.instance.id=local-logs-service \
  -Dvigil.logs.rules-url="http://127.0.0.1:$ALERT_PORT"
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
