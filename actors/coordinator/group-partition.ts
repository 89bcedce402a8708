/** Kafka's `offsets.topic.num.partitions` default. */
export const offsetsTopicNumPartitionsDefault = 50;

/** The internal topic that stores committed offsets and group metadata. */
export const consumerOffsetsTopic = '__consumer_offsets';

/**
 * Java's `String.hashCode`: `s[0]*31^(n-1) + ... + s[n-1]` in int32 arithmetic over UTF-16 code units,
 * which is exactly what JS strings index, so groups land on the same partition as on a Java broker.
 */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's `Utils.abs`: masks the sign bit (so `abs(Integer.MIN_VALUE)` is 0, not negative). */
export function kafkaAbs(n: number): number {
  return n & 0x7fffffff;
}

/** The `__consumer_offsets` partition whose leader coordinates `groupId`. */
export function partitionFor(groupId: string, numPartitions = offsetsTopicNumPartitionsDefault): number {
  return kafkaAbs(javaStringHashCode(groupId)) % numPartitions;
}
