/**
 * The admin client: `Admin` (topics, partitions, cluster, consumer groups, offsets, records, configs)
 * with Kafka's config keys and KafkaJS / Java AdminClient call shapes, and its failure type
 * `AdminError`. The routing, retry rounds and per-operation modules are internal.
 */
export { Admin, type AdminOptions } from './admin.ts';
export {
  adminApiTimeoutMsDefault,
  adminRequestTimeoutMsDefault,
  adminRetryBackoffMaxMsDefault,
  adminRetryBackoffMsDefault,
  resolveAdminConfig,
  type AdminConfig,
  type AdminConfigInput,
} from './admin-config.ts';
export { AdminError, type AdminFailure } from './admin-error.ts';
export { ConfigResourceType } from './config-resources.ts';
export type * from './admin-types.ts';
