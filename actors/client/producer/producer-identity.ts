/**
 * The idempotent producer's identity: the producer id and epoch from InitProducerId (api 22), asked
 * once of any broker, and bumped locally when a partition needs its sequences reset (KIP-360: an
 * idempotent producer may start a new epoch at sequence 0 on its own; Java's
 * `TransactionManager.bumpIdempotentProducerEpoch`). When the epoch would pass 32767 a new id is asked for.
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { ConnectionPool } from '../connection-pool.ts';

/** Producer epochs are int16. */
const producerEpochMax = 32767;
/** What the Java client sends as transactionTimeoutMs for a non-transactional InitProducerId. */
const idempotentTransactionTimeoutMs = 2147483647;

export type IdentityState =
  | { readonly kind: 'none' }
  | { readonly kind: 'initializing' }
  | { readonly kind: 'ready'; readonly producerId: number; readonly producerEpoch: number }
  /** The brokers have no InitProducerId and idempotence was only a default: sent without ids. */
  | { readonly kind: 'disabled' }
  | { readonly kind: 'failed'; readonly error: KafkaError };

export interface ProducerIdentityOptions {
  readonly pool: ConnectionPool;
  readonly requestTimeoutMs: number;
  /** Idempotence was asked for explicitly: a broker without InitProducerId is an error, not a fallback. */
  readonly required: boolean;
  /** Called after every state change (the sender wakes up). */
  readonly onChange: () => void;
}

export class ProducerIdentity {
  private stateValue: IdentityState = { kind: 'none' };
  private readonly options: ProducerIdentityOptions;
  /** InitProducerId attempts that failed (retriable ones are retried by the sender after a backoff). */
  failedAttempts = 0;
  lastError: KafkaError | undefined;
  epochBumps = 0;

  constructor(options: ProducerIdentityOptions) {
    this.options = options;
  }

  get state(): IdentityState {
    return this.stateValue;
  }

  /** The id and epoch batches carry now: (-1, -1) before InitProducerId or when idempotence is off. */
  get producerId(): number {
    return this.stateValue.kind === 'ready' ? this.stateValue.producerId : -1;
  }

  get producerEpoch(): number {
    return this.stateValue.kind === 'ready' ? this.stateValue.producerEpoch : -1;
  }

  /** Batches may be drained: an id is known, or idempotence fell back to off. */
  get usable(): boolean {
    return this.stateValue.kind === 'ready' || this.stateValue.kind === 'disabled';
  }

  /**
   * Sends InitProducerId unless one is in flight or an id is known. A retriable failure leaves the
   * state 'none' (the sender calls again after retry.backoff.ms); a fatal one moves to 'failed'.
   */
  start(): void {
    if (this.stateValue.kind !== 'none') return;
    this.stateValue = { kind: 'initializing' };
    void this.initProducerId().then(
      (next) => this.set(next),
      (e: unknown) => {
        this.failedAttempts++;
        const error =
          e instanceof KafkaError
            ? e
            : new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, 'InitProducerId failed', { cause: e });
        this.lastError = error;
        this.set(error.retriable ? { kind: 'none' } : { kind: 'failed', error });
      },
    );
  }

  /**
   * Bumps the epoch for a sequence reset. Returns false when the epoch is exhausted: the state goes
   * back to 'none' and the sender asks for a new producer id (sequences restart with it too).
   */
  bumpEpoch(): boolean {
    const s = this.stateValue;
    if (s.kind !== 'ready') return false;
    this.epochBumps++;
    if (s.producerEpoch >= producerEpochMax) {
      this.set({ kind: 'none' });
      return false;
    }
    this.set({ kind: 'ready', producerId: s.producerId, producerEpoch: s.producerEpoch + 1 });
    return true;
  }

  private set(next: IdentityState): void {
    this.stateValue = next;
    this.options.onChange();
  }

  private async initProducerId(): Promise<IdentityState> {
    const conn = await this.options.pool.any();
    if (conn.versionFor(22) < 0) {
      if (!this.options.required) return { kind: 'disabled' };
      throw new KafkaError(
        ErrorCode.UNSUPPORTED_VERSION,
        'enable.idempotence=true but the broker does not support InitProducerId',
      );
    }
    const response = await conn.send(
      22,
      {
        transactionalId: null,
        transactionTimeoutMs: idempotentTransactionTimeoutMs,
        producerId: -1,
        producerEpoch: -1,
      },
      { timeoutMs: this.options.requestTimeoutMs },
    );
    if (response.errorCode !== ErrorCode.NONE) throw new KafkaError(response.errorCode, 'InitProducerId');
    return { kind: 'ready', producerId: response.producerId, producerEpoch: response.producerEpoch };
  }
}
