#!/bin/bash
# Creates SlotHunter's Kafka topics; run once by the `kafka-init` compose service inside the
# apache/kafka image. Idempotent (--if-not-exists); fails when an existing topic has fewer
# partitions than asked for, since the scraper splits work by partition.
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
partitions="${KAFKA_TOPIC_PARTITIONS:-6}"
replication="${KAFKA_REPLICATION_FACTOR:-1}"
topics_cli=/opt/kafka/bin/kafka-topics.sh

day_ms=$((24 * 3600 * 1000))

create_topic() {
    local topic="$1"
    shift
    echo "kafka-init: ensuring ${topic} (partitions=${partitions}, replication=${replication} $*)"
    "${topics_cli}" --bootstrap-server "${bootstrap}" --create --if-not-exists \
        --topic "${topic}" --partitions "${partitions}" --replication-factor "${replication}" "$@"
}

# Watches: the latest watch.requested / watch.cancelled per target is the truth.
create_topic smartwhale.data.watches --config cleanup.policy=compact --config min.cleanable.dirty.ratio=0.1
create_topic smartwhale.data.slots --config "retention.ms=$((7 * day_ms))"
create_topic smartwhale.data.checks --config "retention.ms=$((3 * day_ms))"
create_topic smartwhale.data.notifications --config "retention.ms=$((30 * day_ms))"
create_topic smartwhale.data.deadletter --config "retention.ms=$((30 * day_ms))"
# The scraper's per-target slot state (its only store): compacted like the watches and with the
# same partition count, since each state goes to the partition number of its target's watch record.
create_topic smartwhale.data.slot-state --config cleanup.policy=compact --config min.cleanable.dirty.ratio=0.1

status=0
for topic in smartwhale.data.watches smartwhale.data.slots smartwhale.data.checks \
    smartwhale.data.notifications smartwhale.data.deadletter smartwhale.data.slot-state; do
    description="$("${topics_cli}" --bootstrap-server "${bootstrap}" --describe --topic "${topic}")"
    count="$(printf '%s\n' "${description}" | sed -n 's/.*PartitionCount: *\([0-9][0-9]*\).*/\1/p' | head -n 1)"
    if [ -z "${count}" ] || [ "${count}" -lt "${partitions}" ]; then
        echo "kafka-init: ${topic} has ${count:-no} partitions, expected at least ${partitions}" >&2
        status=1
    else
        echo "kafka-init: ${topic} ok (${count} partitions)"
    fi
done
exit "${status}"
