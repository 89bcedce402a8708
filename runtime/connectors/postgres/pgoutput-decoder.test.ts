import assert from 'node:assert/strict';
import { UNCHANGED_TOAST } from '../../../actors/connect/index.ts';
import { PgoutputDecoder, PgoutputTextPlugin } from './pgoutput-decoder.ts';

/** Builds pgoutput messages byte by byte, as the server writes them. */
class Writer {
  private readonly parts: Buffer[] = [];
  u8(v: number): this {
    this.parts.push(Buffer.from([v]));
    return this;
  }
  char(c: string): this {
    return this.u8(c.charCodeAt(0));
  }
  i16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v);
    this.parts.push(b);
    return this;
  }
  u32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v);
    this.parts.push(b);
    return this;
  }
  i64(v: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(v);
    this.parts.push(b);
    return this;
  }
  str(s: string): this {
    this.parts.push(Buffer.from(s + '\0', 'utf8'));
    return this;
  }
  text(s: string): this {
    const b = Buffer.from(s, 'utf8');
    return this.char('t').u32(b.length).raw(b);
  }
  raw(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function relationMessage(): Buffer {
  return new Writer()
    .char('R')
    .u32(16385)
    .str('public')
    .str('customers')
    .char('d')
    .i16(3)
    .u8(1)
    .str('id')
    .u32(23)
    .u32(0xffffffff)
    .u8(0)
    .str('name')
    .u32(25)
    .u32(0xffffffff)
    .u8(0)
    .str('notes')
    .u32(25)
    .u32(0xffffffff)
    .build();
}

describe('PgoutputDecoder', () => {
  it('decodes Begin and Commit with unsigned xids and commit times in Unix microseconds', () => {
    const d = new PgoutputDecoder();
    const begin = d.decode(new Writer().char('B').u32(0).u32(0x1000).i64(1_000_000n).u32(0xfffffff0).build());
    assert.deepEqual(begin, {
      tag: 'begin',
      finalLsn: 0x1000,
      commitTimeUs: 946_684_801_000_000,
      xid: 0xfffffff0,
    });
    const commit = d.decode(new Writer().char('C').u8(0).u32(1).u32(0x10).u32(1).u32(0x40).i64(0n).build());
    assert.deepEqual(commit, {
      tag: 'commit',
      commitLsn: 2 ** 32 + 0x10,
      endLsn: 2 ** 32 + 0x40,
      commitTimeUs: 946_684_800_000_000,
    });
  });

  it('keeps values as the server text, nulls as null, and unchanged TOAST values as UNCHANGED_TOAST', () => {
    const d = new PgoutputDecoder();
    const relation = d.decode(relationMessage());
    assert.equal(relation.tag, 'relation');
    if (relation.tag !== 'relation') return;
    assert.deepEqual(
      relation.columns.map((c) => [c.name, c.typeOid, c.isReplicaIdentity]),
      [
        ['id', 23, true],
        ['name', 25, false],
        ['notes', 25, false],
      ],
    );
    const update = d.decode(
      new Writer().char('U').u32(16385).char('N').i16(3).text('7').text('Anne').char('u').build(),
    );
    assert.equal(update.tag, 'update');
    if (update.tag !== 'update') return;
    assert.equal(update.relation, relation);
    assert.deepEqual(update.new, { id: '7', name: 'Anne', notes: UNCHANGED_TOAST });
    assert.equal(update.key, null);
    assert.equal(update.old, null);

    const withKey = d.decode(
      new Writer()
        .char('U')
        .u32(16385)
        .char('K')
        .i16(3)
        .text('7')
        .char('n')
        .char('n')
        .char('N')
        .i16(3)
        .text('8')
        .text('B')
        .char('n')
        .build(),
    );
    assert.ok(withKey.tag === 'update');
    if (withKey.tag !== 'update') return;
    assert.deepEqual(withKey.key, { id: '7', name: null, notes: null });
    assert.deepEqual(withKey.new, { id: '8', name: 'B', notes: null });

    const del = d.decode(
      new Writer().char('D').u32(16385).char('O').i16(3).text('8').text('B').char('n').build(),
    );
    assert.ok(del.tag === 'delete');
    if (del.tag !== 'delete') return;
    assert.deepEqual(del.old, { id: '8', name: 'B', notes: null });
  });

  it('refuses a change before its Relation message, unknown tags, and messages that end early', () => {
    const d = new PgoutputDecoder();
    const insert = new Writer().char('I').u32(16385).char('N').i16(1).text('1').build();
    assert.throws(() => d.decode(insert), /before its Relation message/);
    d.decode(relationMessage());
    assert.deepEqual(d.decode(insert), {
      tag: 'insert',
      relation: d.decode(relationMessage()),
      new: { id: '1' },
    });
    assert.throws(() => d.decode(Buffer.from('Z')), /unknown pgoutput message 'Z'/);
    assert.throws(() => d.decode(insert.subarray(0, insert.length - 1)), /ends early/);
    assert.throws(
      () =>
        d.decode(
          new Writer().char('I').u32(16385).char('N').i16(4).text('1').text('a').text('b').text('c').build(),
        ),
      /tuple of 4 columns/,
    );
  });

  it('numbers parsed messages in arrival order in the replication plugin', () => {
    const plugin = new PgoutputTextPlugin({ publicationName: 'p' });
    assert.equal(plugin.name, 'pgoutput');
    assert.equal(plugin.parse(relationMessage()).seq, 1);
    assert.equal(plugin.parse(new Writer().char('I').u32(16385).char('N').i16(1).text('1').build()).seq, 2);
    assert.equal(plugin.received, 2);
  });
});
