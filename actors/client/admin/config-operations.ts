/**
 * DescribeConfigs and AlterConfigs. A broker resource with an id goes to that broker (a broker
 * describes only its own configs); topic resources and the cluster-wide broker default ('') go to any
 * broker. AlterConfigs is Kafka's legacy, non-incremental API: the listed configs become the resource's
 * whole set of dynamic configs, and a dynamic config not listed is removed (back to its default).
 */
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { BrokerConnection } from '../connection.ts';
import { done, failed, retry, runRounds, type AdminCall, type Outcome } from './admin-call.ts';
import type { AdminContext } from './admin-context.ts';
import { label, resourceError, throwIfFailed, type AdminFailure } from './admin-error.ts';
import type {
  AlterConfigsOptions,
  AlterConfigsResource,
  ConfigResource,
  ConfigResourceDescription,
  DescribeConfigsOptions,
  DescribeConfigsResource,
} from './admin-types.ts';
import { configEntryOf, mergeConfigs, resourceTypeId } from './config-resources.ts';

/** Where a resource's request goes: a broker's own id, or -1 for any broker. */
function targetNode(r: ConfigResource): number {
  if (r.type !== 'topic' && /^[0-9]+$/.test(r.name)) return Number(r.name);
  return -1;
}

function resourceKey(r: ConfigResource): string {
  return `${resourceTypeId(r.type)}:${r.name}`;
}

function checkResources<R extends ConfigResource>(what: string, resources: readonly R[]): void {
  const seen = new Set<string>();
  for (const r of resources) {
    if (typeof r.name !== 'string')
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `${what}: resource names are strings`);
    if (r.type === 'topic' && r.name === '')
      throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `${what}: topic names are non-empty strings`);
    const key = resourceKey(r);
    if (seen.has(key))
      throw new KafkaError(
        ErrorCode.INVALID_REQUEST,
        `${what}: ${label.config(r.type, r.name)} is listed twice`,
      );
    seen.add(key);
  }
}

/** Resources grouped by the node they go to (-1: any broker). */
function byTarget<R extends ConfigResource>(resources: readonly R[]): Map<number, R[]> {
  const out = new Map<number, R[]>();
  for (const r of resources) {
    const node = targetNode(r);
    const list = out.get(node) ?? [];
    list.push(r);
    out.set(node, list);
  }
  return out;
}

/**
 * One round: each target's resources in one request, any-broker resources through whichever broker
 * answers; a whole request failing retries (or fails) its resources.
 */
async function configRound<R extends ConfigResource, V>(
  ctx: AdminContext,
  call: AdminCall,
  pending: readonly R[],
  send: (conn: BrokerConnection, resources: readonly R[]) => Promise<Map<string, Outcome<V>>>,
): Promise<Map<string, Outcome<V>>> {
  const groups = byTarget(pending);
  const anyBroker = groups.get(-1);
  groups.delete(-1);
  const outcomes = await ctx.perNode(call, groups, resourceKey, send);
  if (anyBroker !== undefined) {
    let answered: Map<string, Outcome<V>>;
    try {
      answered = await send(await ctx.any(), anyBroker);
    } catch (e) {
      if (!(e instanceof KafkaError)) throw e;
      const outcome: Outcome<V> = e.retriable ? retry(e) : failed(e);
      answered = new Map(anyBroker.map((r) => [resourceKey(r), outcome]));
    }
    for (const [k, o] of answered) outcomes.set(k, o);
  }
  return outcomes;
}

/**
 * A resource's error: both calls are safe to repeat (describe reads, alter replaces the whole set),
 * so retriable errors (NOT_CONTROLLER while the controller moves, timeouts) are retried; an unknown
 * topic is final.
 */
function configErrorOutcome<V>(r: ConfigResource, errorCode: number, message: string | null): Outcome<V> {
  const error = resourceError(errorCode, label.config(r.type, r.name), message);
  return error.retriable && errorCode !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION ? retry(error) : failed(error);
}

function collectResources<R extends ConfigResource, V>(
  operation: string,
  resources: readonly R[],
  settled: ReadonlyMap<
    string,
    { readonly ok: true; readonly value: V } | { readonly ok: false; readonly error: KafkaError }
  >,
): V[] {
  const values: V[] = [];
  const failures: AdminFailure[] = [];
  for (const r of resources) {
    const s = settled.get(resourceKey(r))!;
    if (s.ok) values.push(s.value);
    else failures.push({ resource: label.config(r.type, r.name), error: s.error });
  }
  throwIfFailed(operation, failures);
  return values;
}

export async function describeConfigs(
  ctx: AdminContext,
  resources: readonly DescribeConfigsResource[],
  options: DescribeConfigsOptions = {},
): Promise<ConfigResourceDescription[]> {
  const call = ctx.newCall('describeConfigs', options.timeoutMs);
  checkResources('describeConfigs', resources);
  if (resources.length === 0) return [];
  const settled = await runRounds<DescribeConfigsResource, ConfigResourceDescription>(
    call,
    resources,
    resourceKey,
    (pending) =>
      configRound(ctx, call, pending, async (conn, list) => {
        const r = await conn.send(
          32,
          {
            resources: list.map((x) => ({
              resourceType: resourceTypeId(x.type),
              resourceName: x.name,
              configurationKeys: x.configNames === undefined ? null : [...x.configNames],
            })),
            includeSynonyms: options.includeSynonyms ?? false,
            includeDocumentation: options.includeDocumentation ?? false,
          },
          { timeoutMs: call.requestTimeoutMs() },
        );
        const out = new Map<string, Outcome<ConfigResourceDescription>>();
        for (const x of list) {
          const key = resourceKey(x);
          const result = r.results.find((y) => `${y.resourceType}:${y.resourceName}` === key);
          if (result === undefined) continue;
          out.set(
            key,
            result.errorCode === ErrorCode.NONE
              ? done({ type: x.type, name: x.name, configEntries: result.configs.map(configEntryOf) })
              : configErrorOutcome(x, result.errorCode, result.errorMessage),
          );
        }
        return out;
      }),
  );
  return collectResources('describeConfigs', resources, settled);
}

export async function alterConfigs(
  ctx: AdminContext,
  resources: readonly AlterConfigsResource[],
  options: AlterConfigsOptions = {},
): Promise<void> {
  const call = ctx.newCall('alterConfigs', options.timeoutMs);
  checkResources('alterConfigs', resources);
  const configsOf = new Map(
    resources.map((r) => [
      resourceKey(r),
      mergeConfigs(`alterConfigs: ${label.config(r.type, r.name)}`, r.configEntries, r.configs),
    ]),
  );
  if (resources.length === 0) return;
  const settled = await runRounds<AlterConfigsResource, string>(call, resources, resourceKey, (pending) =>
    configRound(ctx, call, pending, async (conn, list) => {
      const r = await conn.send(
        33,
        {
          resources: list.map((x) => ({
            resourceType: resourceTypeId(x.type),
            resourceName: x.name,
            configs: configsOf.get(resourceKey(x))!,
          })),
          validateOnly: options.validateOnly ?? false,
        },
        { timeoutMs: call.requestTimeoutMs() },
      );
      const out = new Map<string, Outcome<string>>();
      for (const x of list) {
        const key = resourceKey(x);
        const result = r.responses.find((y) => `${y.resourceType}:${y.resourceName}` === key);
        if (result === undefined) continue;
        out.set(
          key,
          result.errorCode === ErrorCode.NONE
            ? done(key)
            : configErrorOutcome(x, result.errorCode, result.errorMessage),
        );
      }
      return out;
    }),
  );
  collectResources('alterConfigs', resources, settled);
}
