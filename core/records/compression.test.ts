import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { compressFrameSync, decompressFrameSync } from 'lz4-napi';
import { compressSync as snappyRaw } from 'snappy';
import { KafkaError } from '../errors/index.ts';
import {
  Compression,
  compress,
  compressSync,
  decodeRecords,
  decompress,
  decompressSync,
  encodeRecordBatch,
  isXerialFramed,
  lz4FrameHeader,
  xxhash32,
  type CompressionType,
} from './index.ts';

function sample(bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = (i % 251) ^ ((i >> 10) & 0x0f);
  return b;
}

function random(bytes: number, seed: number): Buffer {
  const b = Buffer.alloc(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const isCorrupt = (e: unknown): boolean => KafkaError.is(e, 'CORRUPT_MESSAGE');

describe('compression codecs', () => {
  it('computes known xxHash32 vectors', () => {
    assert.equal(xxhash32(Buffer.from('')).toString(16), '2cc5d05');
    assert.equal(xxhash32(Buffer.from('a')).toString(16), '550d7456');
    assert.equal(xxhash32(Buffer.from('abc')).toString(16), '32d153ff');
    assert.equal(xxhash32(Buffer.from('Nobody inspects the spammish repetition')).toString(16), 'e2293b2f');
  });

  for (const [name, codec] of [
    ['gzip', Compression.gzip],
    ['snappy', Compression.snappy],
    ['lz4', Compression.lz4],
    ['zstd', Compression.zstd],
  ] as Array<[string, CompressionType]>) {
    it(`${name} round-trips empty, small, multi-block and incompressible data`, async () => {
      for (const data of [Buffer.alloc(0), Buffer.from('x'), sample(300_000), random(150_000, 7)]) {
        const packed = await compress(codec, data);
        assert.deepEqual(await decompress(codec, packed), data);
        if (codec !== Compression.zstd) {
          assert.deepEqual(decompressSync(codec, compressSync(codec, data)), data);
        }
      }
    });
  }

  it('gzip reads a member written by node zlib directly (a real gzip stream)', () => {
    const data = sample(10_000);
    const member = gzipSync(data);
    assert.deepEqual(member.subarray(0, 3), Buffer.from([0x1f, 0x8b, 0x08]));
    assert.deepEqual(decompressSync(Compression.gzip, member), data);
  });

  it('snappy writes xerial framing: magic, version 1, compat 1, 32 KiB chunks', () => {
    const data = sample(100_000);
    const framed = compressSync(Compression.snappy, data);
    assert.equal(framed.subarray(0, 16).toString('hex'), '82534e415050590000000001' + '00000001');
    assert.ok(isXerialFramed(framed));
    let pos = 16;
    let chunks = 0;
    while (pos < framed.length) {
      pos += 4 + framed.readInt32BE(pos);
      chunks++;
    }
    assert.equal(pos, framed.length);
    assert.equal(chunks, Math.ceil(100_000 / 32768));
  });

  it('snappy reads raw blocks as librdkafka writes them, and a hand-built xerial stream', () => {
    const data = sample(5000);
    const raw = snappyRaw(data);
    assert.ok(!isXerialFramed(raw));
    assert.deepEqual(decompressSync(Compression.snappy, raw), data);
    // Two chunks, built by hand the way snappy-java frames them.
    const a = snappyRaw(data.subarray(0, 2000));
    const b = snappyRaw(data.subarray(2000));
    const len = (n: number): Buffer => {
      const x = Buffer.alloc(4);
      x.writeInt32BE(n);
      return x;
    };
    const header = Buffer.from('82534e41505059000000000100000001', 'hex');
    const framed = Buffer.concat([header, len(a.length), a, len(b.length), b]);
    assert.deepEqual(decompressSync(Compression.snappy, framed), data);
  });

  it('lz4 writes the frame header librdkafka and Kafka write: 04224d18 60 40 82', () => {
    assert.equal(lz4FrameHeader().toString('hex'), '04224d18604082');
    const frame = compressSync(Compression.lz4, sample(200_000));
    assert.equal(frame.subarray(0, 7).toString('hex'), '04224d18604082');
    assert.equal(frame.readUInt32LE(frame.length - 4), 0, 'ends with the end mark');
    // Blocks are at most 64 KiB of input: walk them.
    let pos = 7;
    let blocks = 0;
    for (;;) {
      const word = frame.readUInt32LE(pos);
      pos += 4;
      if (word === 0) break;
      const size = word & 0x7fffffff;
      assert.ok(size <= 65536);
      pos += size;
      blocks++;
    }
    assert.equal(pos, frame.length);
    assert.equal(blocks, Math.ceil(200_000 / 65536));
    // An independent decoder (lz4_flex) reads our frame.
    assert.deepEqual(decompressFrameSync(frame), sample(200_000));
  });

  it('lz4 reads a frame built byte by byte from uncompressed blocks', () => {
    const payload = Buffer.from('hello, kafka lz4 frame');
    const word = Buffer.alloc(4);
    word.writeUInt32LE((payload.length | 0x80000000) >>> 0);
    const frame = Buffer.concat([Buffer.from('04224d18604082', 'hex'), word, payload, Buffer.alloc(4)]);
    assert.deepEqual(decompressSync(Compression.lz4, frame), payload);
    // A wrong descriptor checksum is refused.
    const badHc = Buffer.from(frame);
    badHc[6] ^= 0xff;
    assert.throws(() => decompressSync(Compression.lz4, badHc), isCorrupt);
  });

  it('lz4 reads frames from an independent writer (lz4_flex): 256 KiB blocks, block and content checksums', () => {
    const data = sample(700_000);
    for (const options of [{}, { contentChecksum: true }, { blockChecksums: true, contentChecksum: true }]) {
      const frame = compressFrameSync(data, options);
      assert.deepEqual(decompressSync(Compression.lz4, frame), data);
    }
    const checked = Buffer.from(compressFrameSync(data, { contentChecksum: true }));
    checked[checked.length - 1] ^= 0x01;
    assert.throws(() => decompressSync(Compression.lz4, checked), isCorrupt);
  });

  it('lz4 reads a frame that declares its content size, and refuses dependent blocks', () => {
    const payload = Buffer.from('content-size frame');
    const descriptor = Buffer.alloc(10);
    descriptor[0] = 0x68; // version 01, independent blocks, content size present
    descriptor[1] = 0x40;
    descriptor.writeBigUInt64LE(BigInt(payload.length), 2);
    const hc = Buffer.from([(xxhash32(descriptor) >>> 8) & 0xff]);
    const word = Buffer.alloc(4);
    word.writeUInt32LE((payload.length | 0x80000000) >>> 0);
    const magic = Buffer.from('04224d18', 'hex');
    const frame = Buffer.concat([magic, descriptor, hc, word, payload, Buffer.alloc(4)]);
    assert.deepEqual(decompressSync(Compression.lz4, frame), payload);
    const dependent = Buffer.from('04224d1840', 'hex');
    assert.throws(
      () => decompressSync(Compression.lz4, Buffer.concat([dependent, Buffer.alloc(8)])),
      isCorrupt,
    );
  });

  it('refuses garbage for every codec with CORRUPT_MESSAGE', async () => {
    const junk = random(64, 3);
    for (const codec of [Compression.gzip, Compression.snappy, Compression.lz4]) {
      assert.throws(() => decompressSync(codec, junk), isCorrupt, `codec ${codec}`);
    }
    await assert.rejects(decompress(Compression.zstd, junk), isCorrupt);
  });

  it('decodes a gzip batch whose body was compressed independently by node zlib', () => {
    const plain = encodeRecordBatch([{ key: 'a', value: 'b' }, { value: 'c' }], { baseTimestamp: 9 });
    const body = gzipSync(plain.subarray(61));
    const batch = Buffer.concat([plain.subarray(0, 61), body]);
    batch.writeInt32BE(batch.length - 12, 8);
    batch.writeInt16BE(Compression.gzip, 21);
    const out = decodeRecords(batch);
    assert.deepEqual(
      out.map((r) => r.value!.toString()),
      ['b', 'c'],
    );
  });
});
