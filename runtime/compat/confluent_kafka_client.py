"""confluent-kafka 1.7.0 (Debian's python3-confluent-kafka, librdkafka 2.0.2) against a Tributary
cluster, driven by confluent-kafka.test.ts.

Usage: /usr/bin/python3 confluent_kafka_client.py BOOTSTRAP TOPIC GROUP COUNT

Creates TOPIC (3 partitions, replication factor 3) with AdminClient, produces COUNT keyed messages
(acks=all, delivery reports), consumes them all in GROUP with subscribe/poll and a synchronous commit,
then produces COUNT // 10 more (lz4) and lets a second consumer of GROUP read on from the committed
offsets. Prints one JSON object on stdout; the test checks the data. Every step has a deadline.
"""
import json
import sys
import time

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

PARTITIONS = 3
REPLICATION_FACTOR = 3
DEADLINE_S = 40


def produce(bootstrap, topic, first, count, **config):
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "partitioner": "murmur2_random", **config})
    acked = []
    errors = []

    def on_delivery(err, msg):
        if err is not None:
            errors.append(str(err))
            return
        acked.append({
            "partition": msg.partition(),
            "offset": msg.offset(),
            "key": msg.key().decode(),
            "value": msg.value().decode(),
        })

    for n in range(first, first + count):
        producer.produce(topic, key=b"key-%d" % (n % 11), value=b"value-%d" % n, on_delivery=on_delivery)
        producer.poll(0)
    remaining = producer.flush(DEADLINE_S)
    return acked, errors + (["%d messages not delivered" % remaining] if remaining else [])


def consume(bootstrap, topic, group, count):
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    consumer.subscribe([topic])
    got = []
    errors = []
    deadline = time.time() + DEADLINE_S
    while len(got) < count and time.time() < deadline:
        m = consumer.poll(0.5)
        if m is None:
            continue
        if m.error():
            errors.append(str(m.error()))
            continue
        got.append({"partition": m.partition(), "offset": m.offset(), "key": m.key().decode(), "value": m.value().decode()})
    consumer.commit(asynchronous=False)
    committed = {
        str(tp.partition): tp.offset
        for tp in consumer.committed([TopicPartition(topic, p) for p in range(PARTITIONS)], timeout=DEADLINE_S)
    }
    consumer.close()
    return got, committed, errors


def main():
    bootstrap, topic, group, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    admin = AdminClient({"bootstrap.servers": bootstrap})
    futures = admin.create_topics([NewTopic(topic, num_partitions=PARTITIONS, replication_factor=REPLICATION_FACTOR)])
    created = []
    for name, future in futures.items():
        future.result(DEADLINE_S)  # raises KafkaException on a topic error
        created.append(name)

    produced, produce_errors = produce(bootstrap, topic, 0, count)
    consumed, committed, consume_errors = consume(bootstrap, topic, group, count)
    produced_later, produce_later_errors = produce(bootstrap, topic, count, count // 10, **{"compression.type": "lz4"})
    resumed, committed_later, resume_errors = consume(bootstrap, topic, group, count // 10)
    print(json.dumps({
        "created": created,
        "produced": produced,
        "consumed": consumed,
        "committed": committed,
        "producedLater": produced_later,
        "resumed": resumed,
        "committedLater": committed_later,
        "errors": produce_errors + consume_errors + produce_later_errors + resume_errors,
    }))


if __name__ == "__main__":
    main()
