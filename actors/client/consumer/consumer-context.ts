/**
 * What the consumer's parts (fetcher, offset look-ups, group member) share: configuration, the Clock,
 * the metadata cache, connections, the subscription state, and the poll loop's wake-up.
 */
import type { Clock } from '../../../core/io/index.ts';
import type { ClusterMetadata, ConnectionPool } from '../metadata.ts';
import type { ResolvedConsumerConfig } from './consumer-config.ts';
import type { SubscriptionState } from './subscription-state.ts';
import type { Wakeup } from './wakeup.ts';

export interface ConsumerContext<K, V> {
  readonly config: ResolvedConsumerConfig<K, V>;
  readonly clock: Clock;
  readonly metadata: ClusterMetadata;
  /** Connections for data requests (Metadata, Fetch, ListOffsets). */
  readonly pool: ConnectionPool;
  readonly subscriptions: SubscriptionState;
  /** Wakes a poll() waiting for records: new data, a rebalance to run, an error to report. */
  readonly wakeup: Wakeup;
  /** Marks the metadata stale and has it refreshed in the background (after a leader error). */
  requestMetadataUpdate(): void;
  readonly isClosed: () => boolean;
}
