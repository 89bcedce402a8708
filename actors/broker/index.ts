// Public face of actors/broker: the broker (log dirs, hosted replicas, group coordinator, metadata
// replica and control-plane loops), what its request layer sees of it, and the replication data plane.
export {
  Broker,
  brokerSettingsDefaults,
  metadataTopic,
  offsetsTopic,
  type BrokerOptions,
  type BrokerSettings,
} from './broker.ts';
export type {
  BrokerConfig,
  BrokerServices,
  ConfigChange,
  ControllerChannel,
  CreateTopicSpec,
  TopicResult,
} from './broker-services.ts';
export {
  KafkaApis,
  type KafkaApisOptions,
  type KafkaApisRequestContext,
  type KafkaApisStats,
} from './kafka-apis.ts';
export * from './partition/index.ts';
