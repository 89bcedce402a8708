import assert from 'node:assert/strict';
import { formatLsn, parseLsn } from './lsn.ts';

describe('PostgreSQL LSNs', () => {
  it('parses X/Y into one integer and prints it back as the server does', () => {
    assert.equal(parseLsn('0/16B3748'), 0x16b3748);
    assert.equal(parseLsn('1/0'), 2 ** 32);
    assert.equal(parseLsn('A/FFFFFFFF'), 10 * 2 ** 32 + 0xffffffff);
    assert.equal(formatLsn(0x16b3748), '0/16B3748');
    assert.equal(formatLsn(10 * 2 ** 32 + 0xffffffff), 'A/FFFFFFFF');
    assert.equal(parseLsn(formatLsn(123456789012)), 123456789012);
  });

  it('refuses text that is not an LSN and LSNs beyond 2^53', () => {
    assert.throws(() => parseLsn('16B3748'), /Not a PostgreSQL LSN/);
    assert.throws(() => parseLsn('0/G'), /Not a PostgreSQL LSN/);
    assert.throws(() => parseLsn('FFFFFFFF/0'), /beyond 2\^53/);
    assert.throws(() => formatLsn(-1), /Not an LSN/);
  });
});
