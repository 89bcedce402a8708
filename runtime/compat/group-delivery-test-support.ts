// Checks shared by the group-consumption compat tests (kafkajs.test.ts, tributary-client.test.ts): two
// members a and b consume a keyed topic, then part of it is delivered again from the committed offsets;
// and compressed batches read back as the broker stored them.
import assert from 'node:assert/strict';
import type { StoredRecord } from './compat-support.ts';

/** One message as a group member was handed it. */
export interface Received {
  readonly member: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: string;
}

/** True when the members' assignments (partition lists) are non-empty and split partitions 0..count-1. */
export function assignmentsSplitAll(
  assignments: readonly (readonly number[])[],
  partitionCount: number,
): boolean {
  const all = assignments.flat().sort((x, y) => x - y);
  return (
    assignments.every((partitions) => partitions.length > 0) &&
    all.length === partitionCount &&
    all.every((p, i) => p === i)
  );
}

/**
 * The first delivery to members a and b: the high watermarks add up to `messageCount`, each message
 * arrived once, each partition went only to its owner in offset order and send order, and each key
 * stayed on one partition.
 */
export function assertDeliveredOnceInOrder(
  received: readonly Received[],
  highs: ReadonlyMap<number, number>,
  expected: { messageCount: number; partitionCount: number; aPartitions: readonly number[] },
): void {
  const { messageCount, partitionCount, aPartitions } = expected;
  assert.equal(
    [...highs.values()].reduce((x, y) => x + y, 0),
    messageCount,
  );
  assert.equal(received.length, messageCount, 'no message arrives twice');
  assert.equal(new Set(received.map((r) => r.value)).size, messageCount, 'every message arrives');
  const partitionOfKey = new Map<string, number>();
  for (let part = 0; part < partitionCount; part++) {
    const inPartition = received.filter((r) => r.partition === part);
    const owner = aPartitions.includes(part) ? 'a' : 'b';
    assert.ok(
      inPartition.every((r) => r.member === owner),
      `partition ${part} went only to ${owner}`,
    );
    assert.deepEqual(
      inPartition.map((r) => r.offset),
      Array.from({ length: highs.get(part)! }, (_, i) => i),
      `partition ${part} arrives in offset order`,
    );
    const sequence = inPartition.map((r) => Number(r.value));
    assert.ok(
      sequence.every((v, i) => i === 0 || v > sequence[i - 1]!),
      `partition ${part} keeps send order`,
    );
    for (const r of inPartition) {
      assert.equal(partitionOfKey.get(r.key) ?? part, part, `key ${r.key} stays on one partition`);
      partitionOfKey.set(r.key, part);
    }
  }
}

/**
 * After a left with its last `uncommittedPerPartition` offsets per partition uncommitted: the records
 * delivered again (`replayed`, sentinels excluded) are exactly those offsets of a's partitions.
 */
export function assertReplayedOnlyUncommitted(
  replayed: readonly Received[],
  aPartitions: readonly number[],
  highs: ReadonlyMap<number, number>,
  uncommittedPerPartition: number,
): void {
  const expected = aPartitions
    .flatMap((part) =>
      Array.from(
        { length: uncommittedPerPartition },
        (_, i) => `${part}@${highs.get(part)! - uncommittedPerPartition + i}`,
      ),
    )
    .sort();
  assert.deepEqual(
    replayed.map((r) => `${r.partition}@${r.offset}`).sort(),
    expected,
    'only the uncommitted offsets are delivered again',
  );
}

/** `received` holds each of `values` once, and per partition (0 and 1) the stored records in offset order. */
export function assertReadBackAsStored(
  received: readonly Received[],
  stored: readonly StoredRecord[],
  values: readonly string[],
): void {
  assert.equal(received.length, values.length);
  for (const part of [0, 1]) {
    const got = received.filter((r) => r.partition === part).map((r) => `${r.offset}:${r.key}:${r.value}`);
    const want = stored.filter((r) => r.partition === part).map((r) => `${r.offset}:${r.key}:${r.value}`);
    assert.deepEqual(got, want);
  }
  assert.deepEqual(new Set(received.map((r) => r.value)), new Set(values));
}
