// What `tributary/testing` re-exports: the test driver and the property-testing kit.
export { TopologyTestDriver, type DefaultSerde, type TestDriverProps } from './topology-test-driver.ts';
export { TestInputTopic } from './test-input-topic.ts';
export { TestOutputTopic } from './test-output-topic.ts';
export type { KeyValueRecord, OutputTestRecord, TestRecord } from './test-record.ts';
export {
  Checks,
  checkTopology,
  keyedStream,
  perRecordModel,
  runTopology,
  topologyProperty,
  type ExpectedRecord,
  type GeneratedRecord,
  type Invariant,
  type KeyedStreamOptions,
  type Model,
  type ObservedRecord,
  type TopologyUnderTest,
} from './properties.ts';
export {
  MockProcessorContext,
  type CapturedForward,
  type CapturedPunctuator,
} from './mock-processor-context.ts';
