import {
  compressSync as lz4CompressBlockPrefixed,
  uncompressSync as lz4UncompressBlockPrefixed,
} from 'lz4-napi';
import { ErrorCode, KafkaError } from '../errors/index.ts';
import { decompressedBytesMax } from './constants.ts';
import { xxhash32 } from './xxhash32.ts';

/*
 * LZ4 *frame* format as Kafka writes it (NOTES 2.6): magic 04 22 4d 18, FLG 0x60 (version 01,
 * independent blocks, no checksums, no content size), BD 0x40 (64 KiB blocks), header checksum
 * (xxh32(FLG, BD) >> 8) & 0xff, then blocks (int32 LE size; high bit = stored uncompressed) and an
 * end mark of 0. lz4-napi's frame writer picks 256 KiB blocks for large inputs, so we write the
 * container ourselves around its raw block compressor (whose output carries a 4-byte LE size prefix
 * we drop). The reader parses the frame itself too and hands each block to lz4-napi's block
 * decoder, bounded by the frame's declared block size: about twice as fast as lz4-napi's frame
 * decoder, and a garbled frame can never make it allocate more than one block's worth. It accepts
 * what other producers write: block and content checksums (verified), content size, any block size.
 */

export const LZ4_FRAME_MAGIC = 0x184d2204;
const lz4FlgKafka = 0x60;
const lz4Bd64KiB = 0x40;
/** Kafka's and librdkafka's block size: BD 0x40 means 64 KiB maximum per block. */
export const lz4BlockBytesMax = 64 * 1024;
const uncompressedBlockFlag = 0x80000000;

/** The 7-byte frame header Kafka writes: magic, FLG, BD, HC (04 22 4d 18 60 40 82). */
export function lz4FrameHeader(): Buffer {
  const header = Buffer.alloc(7);
  header.writeUInt32LE(LZ4_FRAME_MAGIC, 0);
  header[4] = lz4FlgKafka;
  header[5] = lz4Bd64KiB;
  header[6] = (xxhash32(header, 0, 4, 6) >>> 8) & 0xff;
  return header;
}

/** Compresses data into one LZ4 frame of independent 64 KiB blocks. */
export function lz4FrameCompress(data: Buffer): Buffer {
  const parts: Buffer[] = [lz4FrameHeader()];
  for (let start = 0; start < data.length; start += lz4BlockBytesMax) {
    const chunk = data.subarray(start, Math.min(start + lz4BlockBytesMax, data.length));
    // Drop the 4-byte little-endian size prefix lz4-napi puts in front of the raw block.
    const block = lz4CompressBlockPrefixed(chunk).subarray(4);
    const sizeWord = Buffer.alloc(4);
    if (block.length >= chunk.length) {
      // Incompressible: store raw, as the LZ4 frame spec allows (high bit of the size word).
      sizeWord.writeUInt32LE((chunk.length | uncompressedBlockFlag) >>> 0, 0);
      parts.push(sizeWord, chunk);
    } else {
      sizeWord.writeUInt32LE(block.length, 0);
      parts.push(sizeWord, block);
    }
  }
  parts.push(Buffer.alloc(4)); // end mark
  return Buffer.concat(parts);
}

function corrupt(message: string, cause?: unknown): KafkaError {
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, `lz4: ${message}`, { cause });
}

/** Max block size by BD bits 4-6 (4: 64 KiB ... 7: 4 MiB). */
function blockBytesMaxOf(bd: number): number {
  const id = (bd >> 4) & 0x07;
  if (id < 4 || (bd & 0x8f) !== 0) throw corrupt(`bad block descriptor 0x${bd.toString(16)}`);
  return 1 << (8 + 2 * id);
}

/** Decodes one LZ4 frame (as Kafka, librdkafka and the Java client write them). */
export function lz4FrameDecompress(data: Buffer): Buffer {
  if (data.length < 7 || data.readUInt32LE(0) !== LZ4_FRAME_MAGIC)
    throw corrupt('not an LZ4 frame (bad magic)');
  const flg = data[4];
  if (flg >> 6 !== 1) throw corrupt(`frame version ${flg >> 6}, expected 1`);
  // Kafka refuses dependent blocks (FLG bit 5 clear): it decompresses each block on its own.
  if ((flg & 0x20) === 0) throw corrupt('dependent blocks are not supported');
  if ((flg & 0x01) !== 0) throw corrupt('dictionary frames are not supported');
  const blockChecksums = (flg & 0x10) !== 0;
  const contentSizePresent = (flg & 0x08) !== 0;
  const contentChecksum = (flg & 0x04) !== 0;
  const blockMax = blockBytesMaxOf(data[5]);
  const descriptorEnd = 6 + (contentSizePresent ? 8 : 0);
  if (data.length < descriptorEnd + 1) throw corrupt('truncated frame descriptor');
  const hc = (xxhash32(data, 0, 4, descriptorEnd) >>> 8) & 0xff;
  if (hc !== data[descriptorEnd]) throw corrupt('frame descriptor checksum mismatch');
  let pos = descriptorEnd + 1;
  const parts: Buffer[] = [];
  let total = 0;
  for (;;) {
    if (pos + 4 > data.length) throw corrupt('truncated block size');
    const word = data.readUInt32LE(pos);
    pos += 4;
    if (word === 0) break; // end mark
    const size = word & 0x7fffffff;
    if (size > blockMax) throw corrupt(`block of ${size} bytes exceeds the ${blockMax}-byte maximum`);
    if (pos + size > data.length) throw corrupt('block runs past the end of the frame');
    const block = data.subarray(pos, pos + size);
    pos += size;
    if (blockChecksums) {
      if (pos + 4 > data.length) throw corrupt('truncated block checksum');
      if (xxhash32(block) !== data.readUInt32LE(pos)) throw corrupt('block checksum mismatch');
      pos += 4;
    }
    const out = (word & uncompressedBlockFlag) !== 0 ? block : decodeBlock(block, blockMax);
    total += out.length;
    if (total > decompressedBytesMax) throw corrupt(`more than ${decompressedBytesMax} bytes`);
    parts.push(out);
  }
  const content = parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
  if (contentChecksum) {
    if (pos + 4 > data.length) throw corrupt('truncated content checksum');
    if (xxhash32(content) !== data.readUInt32LE(pos)) throw corrupt('content checksum mismatch');
  }
  return content;
}

/** lz4-napi's block decoder wants a 4-byte LE size prefix; the block maximum bounds its output. */
function decodeBlock(block: Buffer, blockMax: number): Buffer {
  const prefixed = Buffer.allocUnsafe(4 + block.length);
  prefixed.writeUInt32LE(blockMax, 0);
  block.copy(prefixed, 4);
  try {
    return lz4UncompressBlockPrefixed(prefixed);
  } catch (err) {
    throw corrupt((err as Error).message, err);
  }
}

/** The async face of lz4FrameDecompress (blocks are small: decoding inline beats a thread hop). */
export async function lz4FrameDecompressAsync(data: Buffer): Promise<Buffer> {
  return lz4FrameDecompress(data);
}
