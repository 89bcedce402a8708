/**
 * One connection per broker node for a client (producer, consumer, admin), opened lazily through a
 * ConnectionFactory, keyed by node id. Before the client knows any broker it uses a bootstrap
 * connection (the factory's bootstrap addresses, tried in turn); once a Metadata response names the
 * brokers (`updateBrokers`), `get(nodeId)` connects to the advertised address. A connection found
 * closed (the broker went away, the transport dropped it) is replaced on the next `get`, so callers
 * never hold on to a dead connection: they ask the pool again for every request.
 */
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { BrokerAddress, BrokerConnection, ConnectionFactory } from './connection.ts';

/** Node id of a bootstrap connection (its broker's id is not known yet). */
export const bootstrapNodeId = -1;

export interface ConnectionPoolOptions {
  /** `client.id`: sent in every request header. */
  readonly clientId: string;
}

/** Connections by node id over a ConnectionFactory; see the file comment. */
export class ConnectionPool {
  readonly clientId: string;
  private readonly factory: ConnectionFactory;
  /** Advertised addresses by node id, from the last Metadata response. */
  private readonly addresses = new Map<number, BrokerAddress>();
  /** Open (or opening) connections by node id; the bootstrap connection under bootstrapNodeId. */
  private readonly connections = new Map<number, Promise<BrokerConnection>>();
  /** Where the next bootstrap attempt starts, so a dead first address is not tried first forever. */
  private bootstrapIndex = 0;
  private closedFlag = false;

  constructor(factory: ConnectionFactory, options: ConnectionPoolOptions) {
    this.factory = factory;
    this.clientId = options.clientId;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /**
   * Replaces the known broker addresses (from a Metadata response). A connection to a node that left
   * the cluster or moved to another address is closed.
   */
  updateBrokers(brokers: readonly BrokerAddress[]): void {
    const next = new Map<number, BrokerAddress>();
    for (const b of brokers) next.set(b.nodeId, b);
    for (const [nodeId, old] of this.addresses) {
      const now = next.get(nodeId);
      if (now === undefined || now.host !== old.host || now.port !== old.port) this.drop(nodeId);
    }
    this.addresses.clear();
    for (const [nodeId, b] of next) this.addresses.set(nodeId, b);
  }

  /** The advertised address of a node, if known. */
  addressOf(nodeId: number): BrokerAddress | undefined {
    return this.addresses.get(nodeId);
  }

  /** Node ids of the known brokers (empty before the first Metadata response). */
  nodeIds(): number[] {
    return [...this.addresses.keys()];
  }

  /**
   * The connection to `nodeId`, opened on first use and reopened after it closed. Rejects with
   * NETWORK_EXCEPTION when the node is unknown or the connect fails (a later call tries again).
   */
  get(nodeId: number): Promise<BrokerConnection> {
    if (this.closedFlag) return Promise.reject(closedError());
    if (nodeId === bootstrapNodeId) return this.bootstrap();
    const existing = this.open(nodeId);
    if (existing !== undefined) return existing;
    const address = this.addresses.get(nodeId);
    if (address === undefined)
      return Promise.reject(
        new KafkaError(ErrorCode.NETWORK_EXCEPTION, `no address known for broker ${nodeId}`),
      );
    return this.connectTo(nodeId, address);
  }

  /**
   * A connection to any broker, for requests any broker answers (Metadata, FindCoordinator): an open
   * connection if there is one, otherwise the known brokers in turn, otherwise the bootstrap servers.
   */
  async any(): Promise<BrokerConnection> {
    if (this.closedFlag) throw closedError();
    for (const [nodeId, pending] of this.connections) {
      if (nodeId === bootstrapNodeId && this.addresses.size > 0) continue;
      const conn = await pending.catch(() => undefined);
      if (conn !== undefined && !conn.closed) return conn;
    }
    let lastError: unknown;
    for (const nodeId of this.addresses.keys()) {
      try {
        return await this.get(nodeId);
      } catch (e) {
        lastError = e;
      }
    }
    try {
      return await this.bootstrap();
    } catch (e) {
      throw lastError ?? e;
    }
  }

  /** Closes the connection to `nodeId` (its outstanding requests reject); the next `get` reconnects. */
  drop(nodeId: number): void {
    const pending = this.connections.get(nodeId);
    if (pending === undefined) return;
    this.connections.delete(nodeId);
    pending.then(
      (c) => c.close(),
      () => undefined, // a failed connect has nothing to close; its error went to whoever asked
    );
  }

  /** Closes every connection; later `get`s reject. */
  close(): void {
    this.closedFlag = true;
    for (const nodeId of [...this.connections.keys()]) this.drop(nodeId);
  }

  /** The open or opening connection for a node, forgetting it if it has closed. */
  private open(nodeId: number): Promise<BrokerConnection> | undefined {
    const pending = this.connections.get(nodeId);
    if (pending === undefined) return undefined;
    // A connection that settled closed is replaced; one still opening is shared.
    return pending.then((c) => {
      if (!c.closed) return c;
      if (this.connections.get(nodeId) === pending) this.connections.delete(nodeId);
      return this.get(nodeId);
    });
  }

  private connectTo(nodeId: number, address: BrokerAddress): Promise<BrokerConnection> {
    const pending = this.factory.connect(address, { clientId: this.clientId });
    this.connections.set(nodeId, pending);
    pending.then(
      (c) => {
        // The pool closed, or the node's entry was replaced, while connecting: nobody will use it.
        if (this.closedFlag || this.connections.get(nodeId) !== pending) c.close();
      },
      () => {
        if (this.connections.get(nodeId) === pending) this.connections.delete(nodeId);
      },
    );
    return pending;
  }

  private bootstrap(): Promise<BrokerConnection> {
    const existing = this.open(bootstrapNodeId);
    if (existing !== undefined) return existing;
    const addresses = this.factory.bootstrap();
    if (addresses.length === 0)
      return Promise.reject(new KafkaError(ErrorCode.INVALID_CONFIG, 'bootstrap.servers is empty'));
    const pending = this.tryBootstrap(addresses);
    this.connections.set(bootstrapNodeId, pending);
    pending.then(
      (c) => {
        if (this.closedFlag || this.connections.get(bootstrapNodeId) !== pending) c.close();
      },
      () => {
        if (this.connections.get(bootstrapNodeId) === pending) this.connections.delete(bootstrapNodeId);
      },
    );
    return pending;
  }

  private async tryBootstrap(addresses: readonly BrokerAddress[]): Promise<BrokerConnection> {
    let lastError: unknown;
    for (let i = 0; i < addresses.length; i++) {
      const index = (this.bootstrapIndex + i) % addresses.length;
      try {
        const conn = await this.factory.connect(addresses[index]!, { clientId: this.clientId });
        this.bootstrapIndex = index;
        return conn;
      } catch (e) {
        lastError = e;
      }
    }
    this.bootstrapIndex = (this.bootstrapIndex + 1) % addresses.length;
    throw lastError instanceof KafkaError
      ? lastError
      : new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'no bootstrap server reachable', { cause: lastError });
  }
}

function closedError(): KafkaError {
  return new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'the client is closed');
}
