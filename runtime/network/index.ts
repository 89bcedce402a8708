/**
 * The network transport for clients: BrokerConnections over TCP speaking the Kafka protocol, so the
 * producer, consumer and admin work against Tributary's KafkaServer and against any Kafka broker.
 */
export {
  TcpConnection,
  TcpConnectionFactory,
  clientSoftwareName,
  clientSoftwareVersion,
  connectionTimeoutMsDefault,
  requestTimeoutMsDefault,
  type BrokerVersionRange,
  type TcpConnectionFactoryOptions,
} from './tcp-connection.ts';
export { bootstrapAddressNodeId, parseBootstrapServers, parseBrokerAddress } from './bootstrap-servers.ts';
