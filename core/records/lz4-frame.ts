import { compressSync as lz4CompressBlockPrefixed, decompressFrame, decompressFrameSync } from 'lz4-napi';
import { ErrorCode, KafkaError } from '../errors/index.ts';
import { xxhash32 } from './xxhash32.ts';

/*
 * LZ4 *frame* format as Kafka writes it (NOTES 2.6): magic 04 22 4d 18, FLG 0x60 (version 01,
 * independent blocks, no checksums, no content size), BD 0x40 (64 KiB blocks), header checksum
 * (xxh32(FLG, BD) >> 8) & 0xff, then blocks (int32 LE size; high bit = stored uncompressed) and an
 * end mark of 0. lz4-napi's frame writer picks 256 KiB blocks for large inputs, so we write the
 * container ourselves around its raw block compressor (whose output carries a 4-byte LE size prefix
 * we drop). Reading goes through lz4-napi's full frame decoder (lz4_flex), which also accepts what
 * other producers write (checksums, other block sizes, content size).
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

function checkFrameStart(data: Buffer): void {
  if (data.length < 7 || data.readUInt32LE(0) !== LZ4_FRAME_MAGIC) {
    throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, 'lz4: not an LZ4 frame (bad magic)');
  }
  // Kafka refuses dependent blocks (FLG bit 5 clear): it decompresses each block on its own.
  if ((data[4] & 0x20) === 0) {
    throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, 'lz4: dependent blocks are not supported');
  }
}

export function lz4FrameDecompress(data: Buffer): Buffer {
  checkFrameStart(data);
  try {
    return decompressFrameSync(data);
  } catch (err) {
    throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `lz4: ${(err as Error).message}`, { cause: err });
  }
}

export async function lz4FrameDecompressAsync(data: Buffer): Promise<Buffer> {
  checkFrameStart(data);
  try {
    return await decompressFrame(data);
  } catch (err) {
    throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `lz4: ${(err as Error).message}`, { cause: err });
  }
}
