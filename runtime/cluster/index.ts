export { Cluster, type ClusterOptions, type CreateTopicOptions } from './cluster.ts';
