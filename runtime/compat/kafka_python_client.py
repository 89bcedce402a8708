"""kafka-python 2.0.2 (Debian's python3-kafka) against a Tributary cluster, driven by kafka-python.test.ts.

Usage: /usr/bin/python3 kafka_python_client.py BOOTSTRAP TOPIC GROUP COUNT

Creates TOPIC (3 partitions, replication factor 3) with KafkaAdminClient, produces COUNT keyed messages
(acks=all), consumes them all in GROUP and commits, then produces COUNT // 10 more (gzip) and lets a
second consumer of GROUP read on from the committed offsets. Prints one JSON object on stdout; the test
checks the data. Every step has a deadline, so a broken broker makes the script fail, not hang.
"""
import json
import sys
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic

PARTITIONS = 3
REPLICATION_FACTOR = 3
DEADLINE_S = 40


def produce(bootstrap, topic, first, count, **config):
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", **config)
    futures = []
    for n in range(first, first + count):
        key = ("key-%d" % (n % 11)).encode()
        value = ("value-%d" % n).encode()
        futures.append((key, value, producer.send(topic, key=key, value=value)))
    producer.flush(timeout=DEADLINE_S)
    acked = []
    for key, value, future in futures:
        meta = future.get(timeout=DEADLINE_S)
        acked.append({"partition": meta.partition, "offset": meta.offset, "key": key.decode(), "value": value.decode()})
    producer.close(timeout=DEADLINE_S)
    return acked


def consume(bootstrap, topic, group, count):
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    got = []
    deadline = time.time() + DEADLINE_S
    while len(got) < count and time.time() < deadline:
        for records in consumer.poll(timeout_ms=500).values():
            for m in records:
                got.append({"partition": m.partition, "offset": m.offset, "key": m.key.decode(), "value": m.value.decode()})
    consumer.commit()
    committed = {str(p): consumer.committed(TopicPartition(topic, p)) for p in range(PARTITIONS)}
    consumer.close(autocommit=False)
    return got, committed


def main():
    bootstrap, topic, group, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=DEADLINE_S * 1000)
    response = admin.create_topics([NewTopic(topic, PARTITIONS, REPLICATION_FACTOR)], timeout_ms=DEADLINE_S * 1000)
    created = [{"topic": t, "error": e} for (t, e, *_rest) in response.topic_errors]
    admin.close()

    produced = produce(bootstrap, topic, 0, count)
    consumed, committed = consume(bootstrap, topic, group, count)
    produced_later = produce(bootstrap, topic, count, count // 10, compression_type="gzip")
    resumed, committed_later = consume(bootstrap, topic, group, count // 10)
    print(json.dumps({
        "created": created,
        "produced": produced,
        "consumed": consumed,
        "committed": committed,
        "producedLater": produced_later,
        "resumed": resumed,
        "committedLater": committed_later,
    }))


if __name__ == "__main__":
    main()
