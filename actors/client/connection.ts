// The client's port to brokers. A client (producer, consumer, admin) speaks Kafka request/response
// bodies to a broker through a BrokerConnection; the in-process cluster hands the bodies (and the
// record batch Buffers inside them) straight to the broker's request layer, the network transport
// encodes them as Kafka protocol frames over TCP. Clients are written once against this interface.
import type { RequestInputByKey, ResponseBodyByKey } from '../../core/protocol/index.ts';

/** The API keys a client may send. */
export type ClientApiKey = keyof RequestInputByKey & keyof ResponseBodyByKey;

/** Where a broker listens (from bootstrap configuration or a Metadata response). */
export interface BrokerAddress {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

export interface RequestOptions {
  /** Fail with REQUEST_TIMED_OUT when no response arrives in this long (default: the connection's). */
  readonly timeoutMs?: number;
}

/** One connection to one broker. Requests are answered in the order they were sent. */
export interface BrokerConnection {
  /** The broker's node id (-1 for a bootstrap connection whose id is not yet known). */
  readonly nodeId: number;
  /**
   * Sends a request at the highest version both sides support and resolves with the response body
   * (decoded at that version: fields the version lacks have their defaults). Rejects with a
   * KafkaError for transport failures (NETWORK_EXCEPTION, REQUEST_TIMED_OUT); errors inside the
   * response body are the caller's to read.
   */
  send<K extends ClientApiKey>(
    apiKey: K,
    body: RequestInputByKey[K],
    options?: RequestOptions,
  ): Promise<ResponseBodyByKey[K]>;
  /** Produce with acks=0: sent, never answered. Resolves once handed to the transport. */
  sendNoResponse(body: RequestInputByKey[0]): Promise<void>;
  /** The version `send` uses for an API key (-1 when the broker does not serve it). */
  versionFor(apiKey: ClientApiKey): number;
  /** Closes the connection; outstanding requests reject with NETWORK_EXCEPTION. */
  close(): void;
  readonly closed: boolean;
}

/** Opens connections: the in-process cluster and the TCP transport both implement it. */
export interface ConnectionFactory {
  /** Connects to a broker; resolves once the connection is ready (API versions negotiated). */
  connect(address: BrokerAddress, options: { readonly clientId: string }): Promise<BrokerConnection>;
  /** Addresses to start from (the bootstrap servers). */
  bootstrap(): readonly BrokerAddress[];
}
