import assert from 'node:assert/strict';
import { KafkaError } from '../errors/index.ts';
import {
  ControlRecordType,
  controlRecordType,
  decodeEndTxnMarker,
  decodeRecords,
  encodeEndTxnMarker,
  encodeRecordBatch,
  isControlBatch,
  isTransactionalBatch,
  validateBatch,
} from './index.ts';

describe('control records', () => {
  it('encodes a commit marker as a transactional control batch with Kafka key and value layout', () => {
    const b = encodeEndTxnMarker({
      commit: true,
      producerId: 77,
      producerEpoch: 2,
      coordinatorEpoch: 5,
      timestamp: 123,
    });
    const h = validateBatch(b);
    assert.equal(h.attributes, 0x30);
    assert.equal(h.producerId, 77);
    assert.equal(h.producerEpoch, 2);
    assert.ok(isControlBatch(b) && isTransactionalBatch(b));
    const [r] = decodeRecords(b);
    assert.equal(r.key!.toString('hex'), '00000001');
    assert.equal(r.value!.toString('hex'), '000000000005');
    assert.equal(controlRecordType(r.key), ControlRecordType.commit);
    assert.deepEqual(decodeEndTxnMarker(b), { commit: true, coordinatorEpoch: 5 });
  });

  it('reads an abort marker and refuses ordinary batches', () => {
    const abort = encodeEndTxnMarker({
      commit: false,
      producerId: 1,
      producerEpoch: 0,
      coordinatorEpoch: 9,
      timestamp: 1,
    });
    assert.deepEqual(decodeEndTxnMarker(abort), { commit: false, coordinatorEpoch: 9 });
    const plain = encodeRecordBatch([{ value: 'x' }], { baseTimestamp: 1 });
    assert.throws(
      () => decodeEndTxnMarker(plain),
      (e) => KafkaError.is(e, 'INVALID_RECORD'),
    );
  });
});
