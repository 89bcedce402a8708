import { compress as zstdCompress, decompress as zstdDecompress } from '@mongodb-js/zstd';
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip, gzipSync } from 'node:zlib';
import { ErrorCode, KafkaError } from '../errors/index.ts';
import { Compression, decompressedBytesMax, type CompressionType } from './constants.ts';
import { lz4FrameCompress, lz4FrameDecompress, lz4FrameDecompressAsync } from './lz4-frame.ts';
import { snappyDecompress, snappyXerialCompress } from './snappy-xerial.ts';

/*
 * The four codecs of Kafka batches, each producing the wire format Kafka and the real clients use
 * (NOTES 2.6): gzip member, xerial-framed snappy (raw snappy also read), LZ4 frame, zstd frame.
 * zstd has no synchronous binding on Node 20, so only the async functions handle it.
 */

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
/** zstd level 3 is the library default and Kafka's (compression.zstd.level = 3). */
const zstdLevelDefault = 3;
const zstdFrameMagic = 0xfd2fb528;

function unknownCodec(type: number): KafkaError {
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, `unknown compression codec ${type}`);
}

function zstdNeedsAsync(): KafkaError {
  return new KafkaError(
    ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
    'zstd has no synchronous codec on Node 20: use the async variant',
  );
}

function corrupt(codec: string, err: unknown): KafkaError {
  if (err instanceof KafkaError) return err;
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, `${codec}: ${(err as Error).message}`, { cause: err });
}

export function compressSync(type: CompressionType, data: Buffer): Buffer {
  switch (type) {
    case Compression.none:
      return data;
    case Compression.gzip:
      return gzipSync(data);
    case Compression.snappy:
      return snappyXerialCompress(data);
    case Compression.lz4:
      return lz4FrameCompress(data);
    case Compression.zstd:
      throw zstdNeedsAsync();
    default:
      throw unknownCodec(type);
  }
}

export async function compress(type: CompressionType, data: Buffer): Promise<Buffer> {
  switch (type) {
    case Compression.gzip:
      return gzipAsync(data);
    case Compression.zstd:
      return zstdCompress(data, zstdLevelDefault);
    default:
      return compressSync(type, data);
  }
}

export function decompressSync(type: CompressionType, data: Buffer): Buffer {
  switch (type) {
    case Compression.none:
      return data;
    case Compression.gzip:
      try {
        return gunzipSync(data, { maxOutputLength: decompressedBytesMax });
      } catch (err) {
        throw corrupt('gzip', err);
      }
    case Compression.snappy:
      return snappyDecompress(data);
    case Compression.lz4:
      return lz4FrameDecompress(data);
    case Compression.zstd:
      throw zstdNeedsAsync();
    default:
      throw unknownCodec(type);
  }
}

export async function decompress(type: CompressionType, data: Buffer): Promise<Buffer> {
  switch (type) {
    case Compression.gzip:
      try {
        return await gunzipAsync(data, { maxOutputLength: decompressedBytesMax });
      } catch (err) {
        throw corrupt('gzip', err);
      }
    case Compression.lz4:
      return lz4FrameDecompressAsync(data);
    case Compression.zstd:
      if (data.length < 4 || data.readUInt32LE(0) !== zstdFrameMagic) {
        throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, 'zstd: not a zstd frame (bad magic)');
      }
      try {
        return await zstdDecompress(data);
      } catch (err) {
        throw corrupt('zstd', err);
      }
    default:
      return decompressSync(type, data);
  }
}
