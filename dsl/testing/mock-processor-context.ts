import {
  PunctuationType,
  type Cancellable,
  type ProcessorContext,
  type Punctuator,
  type RecordMetadata,
} from '../processor/processor.ts';
import type { Record } from '../processor/record.ts';
import type { StateStore } from '../state/state-store.ts';

/** A record a processor forwarded, with the child it named (if any). */
export interface CapturedForward<K, V> {
  readonly record: Record<K, V>;
  readonly childName: string | undefined;
}

/** A punctuation a processor scheduled; call `punctuator` yourself to test it. */
export interface CapturedPunctuator {
  readonly intervalMs: number;
  readonly type: PunctuationType;
  readonly punctuator: Punctuator;
  cancelled: boolean;
}

/**
 * A context for unit-testing one processor without a topology (Kafka's `api.MockProcessorContext`):
 * it records what the processor forwards and schedules, and lets the test set the record metadata,
 * stream time, wall-clock time and stores the processor sees.
 */
export class MockProcessorContext<KOut, VOut> implements ProcessorContext<KOut, VOut> {
  readonly applicationId: string;
  readonly taskId: string;
  private readonly stores = new Map<string, StateStore>();
  private readonly forwarded: CapturedForward<KOut, VOut>[] = [];
  private readonly punctuators: CapturedPunctuator[] = [];
  private metadata: RecordMetadata | null = null;
  private streamTimeMs = -1;
  private systemTimeMs = 0;
  private committed = false;

  constructor(applicationId = 'mock-app', taskId = '0_0') {
    this.applicationId = applicationId;
    this.taskId = taskId;
  }

  forward<K extends KOut, V extends VOut>(record: Record<K, V>, childName?: string): void {
    this.forwarded.push({ record, childName });
  }
  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable {
    const entry: CapturedPunctuator = { intervalMs, type, punctuator, cancelled: false };
    this.punctuators.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }
  getStateStore<S extends StateStore>(name: string): S {
    const store = this.stores.get(name);
    if (store === undefined) throw new TypeError(`no state store ${name} added to the mock context`);
    return store as S;
  }
  recordMetadata(): RecordMetadata | null {
    return this.metadata;
  }
  currentStreamTimeMs(): number {
    return this.streamTimeMs;
  }
  currentSystemTimeMs(): number {
    return this.systemTimeMs;
  }
  commit(): void {
    this.committed = true;
  }

  /** Adds a store (initialized here) for the processor to find by name. */
  addStateStore(store: StateStore): void {
    store.init({ applicationId: this.applicationId, taskId: this.taskId, changelogTopic: null });
    this.stores.set(store.name, store);
  }
  setRecordMetadata(topic: string, partition: number, offset: number): void {
    this.metadata = { topic, partition, offset };
  }
  setCurrentStreamTimeMs(ms: number): void {
    this.streamTimeMs = ms;
  }
  setCurrentSystemTimeMs(ms: number): void {
    this.systemTimeMs = ms;
  }
  /** Everything forwarded so far, in order. */
  forwardedRecords(): readonly CapturedForward<KOut, VOut>[] {
    return this.forwarded;
  }
  resetForwards(): void {
    this.forwarded.length = 0;
  }
  scheduledPunctuators(): readonly CapturedPunctuator[] {
    return this.punctuators;
  }
  committedSinceReset(): boolean {
    return this.committed;
  }
  resetCommit(): void {
    this.committed = false;
  }
}
