import { strict as assert } from 'node:assert';
import { DataException } from '../api/connect-errors.ts';
import { DebeziumTypes, PgOid, pgColumnSchema, pgValueToConnect } from './pg-types.ts';

describe('PostgreSQL type mapping', () => {
  it('maps OIDs to the Connect schemas Debezium uses', () => {
    const cases: [number, string, string | undefined][] = [
      [PgOid.BOOL, 'BOOLEAN', undefined],
      [PgOid.INT2, 'INT16', undefined],
      [PgOid.INT4, 'INT32', undefined],
      [PgOid.INT8, 'INT64', undefined],
      [PgOid.FLOAT4, 'FLOAT32', undefined],
      [PgOid.FLOAT8, 'FLOAT64', undefined],
      [PgOid.NUMERIC, 'STRING', undefined],
      [PgOid.VARCHAR, 'STRING', undefined],
      [PgOid.BPCHAR, 'STRING', undefined],
      [PgOid.BYTEA, 'BYTES', undefined],
      [PgOid.TIMESTAMP, 'INT64', DebeziumTypes.MICRO_TIMESTAMP],
      [PgOid.TIMESTAMPTZ, 'STRING', DebeziumTypes.ZONED_TIMESTAMP],
      [PgOid.DATE, 'INT32', DebeziumTypes.DATE],
      [PgOid.UUID, 'STRING', DebeziumTypes.UUID],
      [PgOid.JSONB, 'STRING', DebeziumTypes.JSON],
      [PgOid.JSON, 'STRING', DebeziumTypes.JSON],
    ];
    for (const [oid, type, name] of cases) {
      const s = pgColumnSchema(oid, true)!;
      assert.equal(s.type, type, `oid ${oid}`);
      assert.equal(s.name, name, `oid ${oid}`);
      assert.equal(s.optional, true);
      if (name !== undefined) assert.equal(s.version, 1);
    }
    assert.equal(pgColumnSchema(600 /* point */, true), undefined);
  });

  it('converts pgoutput text values', () => {
    assert.equal(pgValueToConnect(PgOid.BOOL, 't'), true);
    assert.equal(pgValueToConnect(PgOid.BOOL, 'f'), false);
    assert.equal(pgValueToConnect(PgOid.INT8, '9007199254740991'), 9007199254740991);
    assert.equal(pgValueToConnect(PgOid.FLOAT8, '2.5'), 2.5);
    assert.equal(pgValueToConnect(PgOid.NUMERIC, '12.3400'), '12.3400');
    assert.deepEqual(pgValueToConnect(PgOid.BYTEA, '\\x00ff10'), Buffer.from([0, 255, 16]));
    assert.equal(pgValueToConnect(PgOid.DATE, '2018-06-20'), 17702);
    assert.equal(pgValueToConnect(PgOid.TIME, '01:02:03.5'), 3723500000);
  });

  it('keeps microseconds for timestamp (MicroTimestamp) and normalises timestamptz to UTC (ZonedTimestamp)', () => {
    assert.equal(pgValueToConnect(PgOid.TIMESTAMP, '2018-06-20 13:37:03.123456'), 1529501823123456);
    assert.equal(
      pgValueToConnect(PgOid.TIMESTAMPTZ, '2018-06-20 15:37:03.1234+02'),
      '2018-06-20T13:37:03.1234Z',
    );
    assert.equal(pgValueToConnect(PgOid.TIMESTAMPTZ, '2018-06-20 13:37:03+00'), '2018-06-20T13:37:03Z');
    assert.equal(
      pgValueToConnect(PgOid.TIMESTAMPTZ, '2018-06-20 08:07:03.000001-05:30'),
      '2018-06-20T13:37:03.000001Z',
    );
  });

  it('rejects int8 values beyond 2^53 and unparseable text with a DataException', () => {
    assert.throws(() => pgValueToConnect(PgOid.INT8, '9007199254740993'), DataException);
    assert.throws(() => pgValueToConnect(PgOid.BOOL, 'maybe'), DataException);
    assert.throws(() => pgValueToConnect(PgOid.TIMESTAMP, 'yesterday'), DataException);
  });
});
