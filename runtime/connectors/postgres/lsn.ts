import { DataException } from '../../../actors/connect/index.ts';

/**
 * PostgreSQL log sequence numbers. The server prints them as `X/Y` (two hex 32-bit halves); offsets and
 * the Debezium envelope carry them as one integer. A JS number holds any LSN below 2^53 bytes of WAL
 * (8 PiB), far beyond a server's lifetime; a larger one is refused rather than rounded.
 */
export function parseLsn(text: string): number {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (m === null) throw new DataException(`Not a PostgreSQL LSN: ${JSON.stringify(text)}`);
  const lsn = parseInt(m[1]!, 16) * 2 ** 32 + parseInt(m[2]!, 16);
  if (!Number.isSafeInteger(lsn)) throw new DataException(`LSN ${text} is beyond 2^53`);
  return lsn;
}

/** The server's `X/Y` form of an LSN (upper-case hex, as pg_lsn prints it). */
export function formatLsn(lsn: number): string {
  if (!Number.isSafeInteger(lsn) || lsn < 0) throw new DataException(`Not an LSN: ${lsn}`);
  const hi = Math.floor(lsn / 2 ** 32);
  const lo = lsn - hi * 2 ** 32;
  return `${hi.toString(16).toUpperCase()}/${lo.toString(16).toUpperCase()}`;
}
