#!/bin/bash
# Creates every Vigil topic (dev.vigil.model.Topics.ALL) on a single-broker Kafka, idempotently.
# Usage: create-topics.sh <bootstrap-servers>
set -euo pipefail
BOOTSTRAP=${1:?usage: create-topics.sh <bootstrap-servers>}
TOPICS=/opt/kafka/bin/kafka-topics.sh

create() { # name partitions config...
  local name=$1 partitions=$2; shift 2
  local configs=()
  for c in "$@"; do configs+=(--config "$c"); done
  "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 1 "${configs[@]}"
}

# Batches: partitions bound how many replicas of metrics-service and logs-service share the work.
create vigil.metrics 4 cleanup.policy=delete retention.ms=259200000
create vigil.logs 4 cleanup.policy=delete retention.ms=259200000
create vigil.diagnostics.requests 1 cleanup.policy=delete retention.ms=86400000
create vigil.diagnostics.results 1 cleanup.policy=delete retention.ms=604800000
create vigil.alerts 1 cleanup.policy=delete retention.ms=604800000
create vigil.deadletter 1 cleanup.policy=delete retention.ms=1209600000
# State: the latest record per key is kept for good.
create vigil.alerts.state 1 cleanup.policy=compact
create vigil.alerts.silences 1 cleanup.policy=compact
create vigil.alerts.nflog 1 cleanup.policy=compact
create vigil.diagnostics.runs 1 cleanup.policy=compact
create vigil.logs.deletes 1 cleanup.policy=compact
create vigil.metrics.metadata 1 cleanup.policy=compact
echo "Vigil topics ready on $BOOTSTRAP"
