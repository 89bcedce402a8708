/**
 * Test support (not exported from index.ts): a GroupCoordinator over real PartitionLogs on a simulated
 * file system and clock, plus request builders shaped like kafkajs/librdkafka requests.
 */
import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import { SeededRandom, SimulatedClock, SimulatedFileSystem } from '../../core/io/index.ts';
import { LogConfig, PartitionLog } from '../../core/log/index.ts';
import type {
  JoinGroupRequest,
  JoinGroupRequestProtocol,
  JoinGroupResponse,
} from '../../core/protocol/index.ts';
import {
  GroupCoordinator,
  type GroupCoordinatorConfig,
  type GroupRequestContext,
} from './group-coordinator.ts';
import { consumerOffsetsTopic } from './group-partition.ts';

export interface HarnessOptions {
  readonly config?: Partial<GroupCoordinatorConfig>;
  readonly seed?: number;
}

export class GroupHarness {
  readonly clock = new SimulatedClock();
  readonly fs = new SimulatedFileSystem();
  readonly logs = new Map<number, PartitionLog>();
  /** When set, appends to __consumer_offsets fail with this error code. */
  appendFault: number | undefined;
  appends = 0;
  coordinator: GroupCoordinator;
  private readonly options: HarnessOptions;

  constructor(options: HarnessOptions = {}) {
    this.options = options;
    this.coordinator = this.newCoordinator();
  }

  newCoordinator(): GroupCoordinator {
    return new GroupCoordinator({
      clock: this.clock,
      random: new SeededRandom(this.options.seed ?? 7),
      config: this.options.config ?? {},
      appendToOffsetsTopic: (partition, batch) => {
        if (this.appendFault !== undefined)
          return Promise.reject(new KafkaError(this.appendFault, 'injected'));
        this.appends += 1;
        this.logFor(partition).append(batch, { leaderEpoch: 0, origin: 'coordinator' });
        return Promise.resolve();
      },
    });
  }

  logFor(partition: number): PartitionLog {
    let log = this.logs.get(partition);
    if (log === undefined) {
      log = PartitionLog.open({
        fs: this.fs,
        clock: this.clock,
        dir: `/data/${consumerOffsetsTopic}-${partition}`,
        topic: consumerOffsetsTopic,
        partition,
        config: LogConfig.from({ 'cleanup.policy': 'compact' }),
      });
      this.logs.set(partition, log);
    }
    return log;
  }

  /** Makes this coordinator the leader of the group's partition (replaying what the log holds). */
  async own(groupId: string, coordinator = this.coordinator): Promise<void> {
    const partition = coordinator.partitionFor(groupId);
    await coordinator.loadPartition(partition, this.logFor(partition));
  }

  /** Simulates a coordinator restart: a fresh instance that must rebuild everything from the logs. */
  async restart(...groupIds: string[]): Promise<GroupCoordinator> {
    this.coordinator.close();
    this.coordinator = this.newCoordinator();
    for (const g of new Set(groupIds)) await this.own(g);
    return this.coordinator;
  }
}

export function ctx(apiVersion: number, clientId = 'client'): GroupRequestContext {
  return { apiVersion, clientId, clientHost: '/127.0.0.1' };
}

export function protocols(...names: string[]): JoinGroupRequestProtocol[] {
  return names.map((name) => ({ name, metadata: Buffer.from(`sub:${name}`) }));
}

export function joinRequest(groupId: string, fields: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    groupId,
    sessionTimeoutMs: 30_000,
    rebalanceTimeoutMs: 60_000,
    memberId: '',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: protocols('RoundRobinAssigner'),
    reason: null,
    ...fields,
  };
}

/** Lets promise continuations run (the coordinator resolves parked requests from appends and timers). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** A promise's settled value if it settled, else undefined (without waiting for it). */
export async function peek<T>(p: Promise<T>): Promise<T | undefined> {
  let value: T | undefined;
  void p.then((v) => (value = v));
  await flush();
  return value;
}

/** JoinGroup v4+ as clients do it: MEMBER_ID_REQUIRED, then the same request with the given id (parked). */
export async function joinWithRequiredId(
  h: GroupHarness,
  request: JoinGroupRequest,
  apiVersion = 5,
  clientId = 'client',
): Promise<{ memberId: string; joined: Promise<JoinGroupResponse> }> {
  const first = await h.coordinator.joinGroup(request, ctx(apiVersion, clientId));
  if (first.errorCode !== ErrorCode.MEMBER_ID_REQUIRED) {
    throw new Error(`expected MEMBER_ID_REQUIRED, got ${first.errorCode}`);
  }
  const joined = h.coordinator.joinGroup({ ...request, memberId: first.memberId }, ctx(apiVersion, clientId));
  return { memberId: first.memberId, joined };
}
