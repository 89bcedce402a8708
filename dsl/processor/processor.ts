import type { StateStore, StoreBuilder } from '../state/state-store.ts';
import type { FixedKeyRecord, Record } from './record.ts';

/** When a punctuator fires: on stream time (driven by record timestamps) or on wall-clock time. */
export const PunctuationType = {
  STREAM_TIME: 'STREAM_TIME',
  WALL_CLOCK_TIME: 'WALL_CLOCK_TIME',
} as const;
export type PunctuationType = (typeof PunctuationType)[keyof typeof PunctuationType];

/** Called with the current stream time or wall-clock time, not the scheduled time. */
export type Punctuator = (timestampMs: number) => void;

/** A handle to stop a scheduled punctuation. */
export interface Cancellable {
  cancel(): void;
}

/** Where the record being processed came from; absent during punctuation. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** What a processor may do besides processing: forward, schedule, reach its stores. */
export interface ProcessingContextBase {
  readonly applicationId: string;
  /** `<subtopology>_<partition>`, as Kafka's TaskId. */
  readonly taskId: string;
  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable;
  getStateStore<S extends StateStore>(name: string): S;
  recordMetadata(): RecordMetadata | null;
  currentStreamTimeMs(): number;
  currentSystemTimeMs(): number;
  /** Asks the runtime to commit soon (a request, as in Kafka, not a synchronous commit). */
  commit(): void;
}

export interface ProcessorContext<KOut, VOut> extends ProcessingContextBase {
  /** Sends a record to all children, or only to the child named `childName`. */
  forward<K extends KOut, V extends VOut>(record: Record<K, V>, childName?: string): void;
}

export interface FixedKeyProcessorContext<KForward, VForward> extends ProcessingContextBase {
  forward<V extends VForward>(record: FixedKeyRecord<KForward, V>, childName?: string): void;
}

/** Kafka Streams' Processor API: one instance per task, `process` called once per record. */
export interface Processor<KIn, VIn, KOut = never, VOut = never> {
  init?(context: ProcessorContext<KOut, VOut>): void;
  process(record: Record<KIn, VIn>): void;
  close?(): void;
}

/** A processor that may change values but never keys (`processValues`). */
export interface FixedKeyProcessor<KIn, VIn, VOut = never> {
  init?(context: FixedKeyProcessorContext<KIn, VOut>): void;
  process(record: FixedKeyRecord<KIn, VIn>): void;
  close?(): void;
}

/**
 * Creates a fresh processor per task. A plain function works, or an object whose `stores()` names
 * state stores to add and connect automatically (Kafka's ConnectedStoreProvider).
 */
export type ProcessorSupplier<KIn, VIn, KOut = never, VOut = never> =
  | (() => Processor<KIn, VIn, KOut, VOut>)
  | { get(): Processor<KIn, VIn, KOut, VOut>; stores?(): readonly StoreBuilder<StateStore>[] };

export type FixedKeyProcessorSupplier<KIn, VIn, VOut = never> =
  | (() => FixedKeyProcessor<KIn, VIn, VOut>)
  | { get(): FixedKeyProcessor<KIn, VIn, VOut>; stores?(): readonly StoreBuilder<StateStore>[] };
