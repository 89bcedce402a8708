/**
 * `bootstrap.servers` parsing: "host:port" entries (IPv6 hosts in brackets, "[::1]:9092") become the
 * BrokerAddresses a client starts from. Bad entries fail at construction with a typed error naming the
 * key, as Kafka's ClientUtils does, rather than at the first connect.
 */
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { BrokerAddress } from '../../actors/client/connection.ts';

/** Node id of a bootstrap address: the broker behind it is not known until a Metadata response names it. */
export const bootstrapAddressNodeId = -1;

const portMax = 65535;
/** "[ipv6]:port" or "host:port"; the host part of the latter may not contain ':' (bare IPv6 is ambiguous). */
const bracketedPattern = /^\[([0-9A-Fa-f:.%a-zA-Z]+)\]:(\d+)$/;
const plainPattern = /^([^\s:[\]]+):(\d+)$/;

function badEntry(entry: string, why: string): KafkaError {
  return new KafkaError(ErrorCode.INVALID_CONFIG, `bootstrap.servers: "${entry}" ${why}`);
}

/** Parses one "host:port" entry (surrounding whitespace ignored). */
export function parseBrokerAddress(entry: string, nodeId = bootstrapAddressNodeId): BrokerAddress {
  const trimmed = entry.trim();
  const match = bracketedPattern.exec(trimmed) ?? plainPattern.exec(trimmed);
  if (match === null) throw badEntry(entry, 'is not of the form host:port');
  const port = Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > portMax)
    throw badEntry(entry, `has port ${match[2]} outside 1..${portMax}`);
  return { nodeId, host: match[1]!, port };
}

/** Parses `bootstrap.servers`; at least one entry is required. */
export function parseBootstrapServers(servers: readonly string[]): BrokerAddress[] {
  if (servers.length === 0)
    throw new KafkaError(ErrorCode.INVALID_CONFIG, 'bootstrap.servers must name at least one host:port');
  return servers.map((entry) => parseBrokerAddress(entry));
}
