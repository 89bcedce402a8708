import assert from 'node:assert/strict';
import { Serdes } from '../../core/serdes/index.ts';
import {
  SessionWindow,
  SessionWindows,
  SlidingWindows,
  TimeWindow,
  TimeWindows,
  Windowed,
  WindowedSerdes,
} from '../index.ts';

describe('windows', () => {
  it('tumbling windows are epoch-aligned [start, start + size)', () => {
    const w = TimeWindows.ofSizeWithNoGrace(10);
    assert.deepEqual([...w.windowsFor(0).keys()], [0]);
    assert.deepEqual([...w.windowsFor(9).keys()], [0]);
    assert.deepEqual([...w.windowsFor(10).keys()], [10]);
    assert.equal(w.windowsFor(25).get(20)!.end, 30);
  });

  it('hopping windows give every window containing the record and never start below 0', () => {
    const w = TimeWindows.ofSizeWithNoGrace(10).advanceBy(5);
    assert.deepEqual(
      [...w.windowsFor(3).keys()],
      [0],
      'size 10, advance 5: a record at 3 lands only in [0,10)',
    );
    assert.deepEqual([...w.windowsFor(7).keys()], [0, 5]);
    assert.deepEqual([...w.windowsFor(10).keys()], [5, 10]);
    assert.deepEqual(
      [...TimeWindows.ofSizeWithNoGrace(10).advanceBy(3).windowsFor(12).keys()],
      [3, 6, 9, 12],
    );
  });

  it('rejects bad sizes, advances and grace periods', () => {
    assert.throws(() => TimeWindows.ofSizeWithNoGrace(0), RangeError);
    assert.throws(() => TimeWindows.ofSizeAndGrace(10, -1), RangeError);
    assert.throws(() => TimeWindows.ofSizeWithNoGrace(10).advanceBy(11), RangeError);
    assert.throws(() => TimeWindows.ofSizeWithNoGrace(10).advanceBy(0), RangeError);
    assert.throws(() => SlidingWindows.ofTimeDifferenceAndGrace(-1, 0), RangeError);
    assert.throws(() => SessionWindows.ofInactivityGapAndGrace(0, 0), RangeError);
  });

  it('renders windowed keys as Kafka does: [key@start/end]', () => {
    assert.equal(String(new Windowed('k1', new TimeWindow(0, 2))), '[k1@0/2]');
    assert.equal(String(new Windowed('k', new SessionWindow(5, 5))), '[k@5/5]');
  });

  it('overlap follows each window kind: time windows exclude the end, sessions include it', () => {
    assert.equal(new TimeWindow(0, 10).overlap(new TimeWindow(10, 20)), false);
    assert.equal(new TimeWindow(0, 10).overlap(new TimeWindow(9, 20)), true);
    assert.equal(new SessionWindow(0, 10).overlap(new SessionWindow(10, 20)), true);
  });

  it('time-windowed serde is [key][start: int64] and restores the end from the window size', () => {
    const serde = WindowedSerdes.timeWindowedSerdeFrom(Serdes.String(), 100);
    const bytes = serde.serializer('t', new Windowed('ab', new TimeWindow(300, 400)))!;
    assert.deepEqual([...bytes], [0x61, 0x62, 0, 0, 0, 0, 0, 0, 1, 0x2c]);
    const back = serde.deserializer('t', bytes)!;
    assert.equal(String(back), '[ab@300/400]');
  });

  it('session-windowed serde is [key][end: int64][start: int64]', () => {
    const serde = WindowedSerdes.sessionWindowedSerdeFrom(Serdes.String());
    const bytes = serde.serializer('t', new Windowed('a', new SessionWindow(1, 2)))!;
    assert.deepEqual([...bytes], [0x61, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert.equal(String(serde.deserializer('t', bytes)), '[a@1/2]');
    assert.equal(serde.serializer('t', null), null);
  });
});
