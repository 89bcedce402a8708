import { compressSync as snappyCompressRaw, uncompressSync as snappyUncompressRaw } from 'snappy';
import { ErrorCode, KafkaError } from '../errors/index.ts';
import { decompressedBytesMax } from './constants.ts';
import { readUnsignedVarint } from './varint.ts';

/*
 * Snappy in Kafka comes in two shapes (NOTES 2.6). The Java client and kafka-python write
 * snappy-java's "xerial" framing: a 16-byte header (magic 82 'SNAPPY' 00, int32 version 1, int32
 * compatible version 1) then chunks of int32 BE length + raw snappy block. librdkafka writes one raw
 * snappy block. We write xerial (what Kafka itself writes) and read both, telling them apart by the
 * magic, as librdkafka's and snappy-java's readers do.
 */

export const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const xerialHeaderBytes = 16;
/** snappy-java's and kafka-python's block size. */
export const xerialBlockBytes = 32 * 1024;

function corrupt(message: string, cause?: unknown): KafkaError {
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, `snappy: ${message}`, { cause });
}

export function xerialHeader(): Buffer {
  const header = Buffer.alloc(xerialHeaderBytes);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(1, 8);
  header.writeInt32BE(1, 12);
  return header;
}

export function snappyXerialCompress(data: Buffer): Buffer {
  const parts: Buffer[] = [xerialHeader()];
  for (let start = 0; start < data.length; start += xerialBlockBytes) {
    const block = snappyCompressRaw(data.subarray(start, Math.min(start + xerialBlockBytes, data.length)));
    const len = Buffer.alloc(4);
    len.writeInt32BE(block.length, 0);
    parts.push(len, block);
  }
  return Buffer.concat(parts);
}

export function isXerialFramed(data: Buffer): boolean {
  return data.length >= xerialHeaderBytes && data.subarray(0, 8).equals(XERIAL_MAGIC);
}

function uncompressRawBlock(block: Buffer): Buffer {
  // The raw block starts with its uncompressed length: refuse absurd ones before allocating.
  let declared: number;
  try {
    declared = readUnsignedVarint(block, 0)[0];
  } catch (err) {
    throw corrupt('garbled block length', err);
  }
  if (declared > decompressedBytesMax) throw corrupt(`block claims ${declared} bytes`);
  try {
    return snappyUncompressRaw(block, { asBuffer: true }) as Buffer;
  } catch (err) {
    throw corrupt((err as Error).message, err);
  }
}

/** Reads xerial-framed or raw snappy. */
export function snappyDecompress(data: Buffer): Buffer {
  if (!isXerialFramed(data)) return uncompressRawBlock(data);
  const parts: Buffer[] = [];
  let total = 0;
  let pos = xerialHeaderBytes;
  while (pos < data.length) {
    if (pos + 4 > data.length) throw corrupt('truncated xerial chunk length');
    const len = data.readInt32BE(pos);
    pos += 4;
    if (len < 0 || pos + len > data.length) throw corrupt(`xerial chunk of ${len} bytes runs past the end`);
    const out = uncompressRawBlock(data.subarray(pos, pos + len));
    total += out.length;
    if (total > decompressedBytesMax) throw corrupt(`more than ${decompressedBytesMax} bytes`);
    parts.push(out);
    pos += len;
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
}
