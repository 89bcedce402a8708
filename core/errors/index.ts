export { ErrorCode, errorInfo, type ErrorCodeInfo, type ErrorName } from './error-codes.ts';
export { KafkaError } from './kafka-error.ts';
