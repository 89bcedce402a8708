export { Cluster, type ClusterOptions, type CreateTopicOptions } from './cluster.ts';
export { InProcessConnection, InProcessConnectionFactory } from './in-process-connection.ts';
