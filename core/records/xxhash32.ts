/*
 * xxHash32 (Yann Collet's XXH32), needed for the LZ4 frame descriptor checksum. Small inputs only
 * on our path (the 2-byte frame descriptor), but correct for any length.
 */

const prime1 = 2654435761;
const prime2 = 2246822519;
const prime3 = 3266489917;
const prime4 = 668265263;
const prime5 = 374761393;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function round(acc: number, lane: number): number {
  acc = (acc + Math.imul(lane, prime2)) | 0;
  acc = rotl(acc, 13);
  return Math.imul(acc, prime1);
}

/** XXH32 of data[start, end) with the given seed, as an unsigned 32-bit number. */
export function xxhash32(data: Uint8Array, seed = 0, start = 0, end = data.length): number {
  const len = end - start;
  let p = start;
  let h: number;
  if (len >= 16) {
    let v1 = (seed + prime1 + prime2) | 0;
    let v2 = (seed + prime2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - prime1) | 0;
    const limit = end - 16;
    while (p <= limit) {
      v1 = round(v1, readU32LE(data, p));
      v2 = round(v2, readU32LE(data, p + 4));
      v3 = round(v3, readU32LE(data, p + 8));
      v4 = round(v4, readU32LE(data, p + 12));
      p += 16;
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    h = (seed + prime5) | 0;
  }
  h = (h + len) | 0;
  while (p + 4 <= end) {
    h = (h + Math.imul(readU32LE(data, p), prime3)) | 0;
    h = Math.imul(rotl(h, 17), prime4);
    p += 4;
  }
  while (p < end) {
    h = (h + Math.imul(data[p], prime5)) | 0;
    h = Math.imul(rotl(h, 11), prime1);
    p++;
  }
  h ^= h >>> 15;
  h = Math.imul(h, prime2);
  h ^= h >>> 13;
  h = Math.imul(h, prime3);
  h ^= h >>> 16;
  return h >>> 0;
}

function readU32LE(d: Uint8Array, p: number): number {
  return d[p] | (d[p + 1] << 8) | (d[p + 2] << 16) | (d[p + 3] << 24);
}
