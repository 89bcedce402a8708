import { ErrorCode, KafkaError } from '../errors/index.ts';
import { decodeRecords } from './decode.ts';
import { isControlBatch } from './batch-header.ts';
import { encodeRecordBatch } from './record-batch-builder.ts';

/*
 * Control records (NOTES 2.4): the single record of a control batch. Its key is version int16 (0)
 * + type int16; an end-transaction marker's value is version int16 (0) + coordinatorEpoch int32.
 */

export const ControlRecordType = {
  abort: 0,
  commit: 1,
  leaderChange: 2,
  snapshotHeader: 3,
  snapshotFooter: 4,
} as const;
export type ControlRecordTypeId = (typeof ControlRecordType)[keyof typeof ControlRecordType];

export interface EndTxnMarker {
  commit: boolean;
  producerId: number;
  producerEpoch: number;
  coordinatorEpoch: number;
  /** Marker timestamp (the coordinator's clock), ms. */
  timestamp: number;
  baseOffset?: number;
  partitionLeaderEpoch?: number;
}

/** Builds the control batch a transaction coordinator writes to end a transaction. */
export function encodeEndTxnMarker(marker: EndTxnMarker): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(marker.commit ? ControlRecordType.commit : ControlRecordType.abort, 2);
  const value = Buffer.alloc(6);
  value.writeInt16BE(0, 0);
  value.writeInt32BE(marker.coordinatorEpoch, 2);
  return encodeRecordBatch([{ key, value, timestamp: marker.timestamp }], {
    baseOffset: marker.baseOffset ?? 0,
    partitionLeaderEpoch: marker.partitionLeaderEpoch ?? -1,
    producerId: marker.producerId,
    producerEpoch: marker.producerEpoch,
    transactional: true,
    control: true,
  });
}

/** The control record type of a control record's key (version int16, type int16). */
export function controlRecordType(key: Buffer | null): number {
  if (key === null || key.length < 4) {
    throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, 'control record key needs version and type (4 bytes)');
  }
  return key.readInt16BE(2);
}

/** Reads the end-transaction marker of a control batch: commit or abort, and the coordinator epoch. */
export function decodeEndTxnMarker(batch: Buffer): { commit: boolean; coordinatorEpoch: number } {
  if (!isControlBatch(batch)) throw new KafkaError(ErrorCode.INVALID_RECORD, 'not a control batch');
  const records = decodeRecords(batch);
  if (records.length !== 1) {
    throw new KafkaError(
      ErrorCode.CORRUPT_MESSAGE,
      `control batch holds ${records.length} records, expected 1`,
    );
  }
  const type = controlRecordType(records[0].key);
  if (type !== ControlRecordType.commit && type !== ControlRecordType.abort) {
    throw new KafkaError(ErrorCode.INVALID_RECORD, `control record type ${type} is not a transaction marker`);
  }
  const value = records[0].value;
  if (value === null || value.length < 6) {
    throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, 'end-transaction marker value needs version and epoch');
  }
  return { commit: type === ControlRecordType.commit, coordinatorEpoch: value.readInt32BE(2) };
}
