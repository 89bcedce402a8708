import { ErrorCode, KafkaError } from '../errors/index.ts';

/** Handles a request addressed to a node: `from` is the sender's node id (or a client id number). */
export type RequestHandler<Req, Res> = (request: Req, from: number) => Promise<Res>;

/**
 * The Transport port: request/response delivery between nodes (brokers, clients). The cluster's
 * replica fetchers and controller RPCs, and the in-process client, talk only through it, so the
 * same code runs over direct calls (InProcessTransport), a simulated network with delays, drops and
 * partitions (SimulatedTransport), or Kafka-protocol TCP connections (runtime/).
 *
 * Messages are passed by reference: record batches stay the same Buffers end to end.
 */
export interface Transport<Req, Res> {
  /** Starts serving `nodeId`; returns a function that stops serving it (the node is then unreachable). */
  listen(nodeId: number, handler: RequestHandler<Req, Res>): () => void;
  /**
   * Sends `request` from `from` to `to` and resolves with the response. Rejects with a retriable
   * KafkaError: NETWORK_EXCEPTION when `to` is not listening (connection refused) and
   * REQUEST_TIMED_OUT when no response arrives within `timeoutMs`.
   */
  request(from: number, to: number, request: Req, timeoutMs: number): Promise<Res>;
}

/** The node is not listening: what a refused connection looks like to the caller. */
export function unreachable(to: number): KafkaError {
  return new KafkaError(ErrorCode.NETWORK_EXCEPTION, `node ${to} is not reachable`);
}

/** No answer in time. */
export function timedOut(to: number, timeoutMs: number): KafkaError {
  return new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `no response from node ${to} within ${timeoutMs} ms`);
}
