// A simulated replication cluster for tests and properties: brokers with their own SimulatedFileSystem
// and ReplicaManager on one SimulatedClock and SimulatedTransport, and a minimal controller (leader
// election from the ISR with a higher epoch, AlterPartition commits, fencing of crashed brokers).
import { ErrorCode } from '../../../core/errors/index.ts';
import {
  SeededRandom,
  SimulatedClock,
  SimulatedFileSystem,
  SimulatedTransport,
  type SimulatedNetworkOptions,
} from '../../../core/io/index.ts';
import { LogConfig, OffsetCheckpointFile, replicationOffsetCheckpointName } from '../../../core/log/index.ts';
import { openReplicatedLog, type Acks, type IsrChangeProposal, type Partition } from './partition.ts';
import { ReplicaManager, type LeaderAndIsrState } from './replica-manager.ts';
import { replicationConfig, type ReplicationConfig } from './replication-config.ts';
import {
  topicPartitionKey,
  type ReplicaRequest,
  type ReplicaResponse,
  type TopicPartition,
} from './replica-messages.ts';
import type { AppendResult } from '../../../core/log/index.ts';

export interface SimulatedReplicationClusterOptions {
  brokerIds: readonly number[];
  seed: number;
  config?: Partial<ReplicationConfig>;
  network?: SimulatedNetworkOptions;
  topic?: string;
  /** Simulated delay of the controller's answer to an ISR change. Default 1 ms. */
  controllerDelayMs?: number;
}

/** One partition replicated over several simulated brokers, with the controller played by the test. */
export class SimulatedReplicationCluster {
  readonly clock = new SimulatedClock();
  readonly random: SeededRandom;
  readonly transport: SimulatedTransport<ReplicaRequest, ReplicaResponse>;
  readonly tp: TopicPartition;
  readonly brokerIds: readonly number[];
  readonly config: ReplicationConfig;
  /** The controller's view: the latest decision. */
  state: LeaderAndIsrState;
  /** Every error a broker reported (fetch failures and the like). */
  readonly errors: unknown[] = [];
  private readonly fss = new Map<number, SimulatedFileSystem>();
  private readonly managers = new Map<number, ReplicaManager>();
  /** Each broker's registration epoch, bumped on every (re)start as the controller would. */
  private readonly brokerEpochs = new Map<number, number>();
  private readonly controllerDelayMs: number;

  constructor(options: SimulatedReplicationClusterOptions) {
    this.random = new SeededRandom(options.seed);
    this.transport = new SimulatedTransport(this.clock, this.random, options.network ?? {});
    this.tp = { topic: options.topic ?? 't', partition: 0 };
    this.brokerIds = [...options.brokerIds];
    this.config = replicationConfig(options.config);
    this.controllerDelayMs = options.controllerDelayMs ?? 1;
    this.state = {
      ...this.tp,
      leader: -1,
      leaderEpoch: 0,
      partitionEpoch: 0,
      isr: [...options.brokerIds],
      replicas: [...options.brokerIds],
    };
    for (const id of this.brokerIds) {
      this.fss.set(id, new SimulatedFileSystem());
      this.startBroker(id);
    }
  }

  private dir(id: number): string {
    return `/broker-${id}`;
  }

  private startBroker(id: number): void {
    const fs = this.fss.get(id)!;
    fs.mkdirp(this.dir(id));
    const checkpoint = new OffsetCheckpointFile(fs, `${this.dir(id)}/${replicationOffsetCheckpointName}`);
    const highWatermarks = fs.exists(checkpoint.path) ? checkpoint.read() : new Map<string, number>();
    const brokerEpoch = (this.brokerEpochs.get(id) ?? 0) + 1;
    this.brokerEpochs.set(id, brokerEpoch);
    const manager = new ReplicaManager({
      brokerId: id,
      brokerEpoch,
      clock: this.clock,
      transport: this.transport,
      config: this.config,
      openLog: (tp) =>
        openReplicatedLog({
          fs,
          clock: this.clock,
          dir: `${this.dir(id)}/${topicPartitionKey(tp)}`,
          topic: tp.topic,
          partition: tp.partition,
          config: LogConfig.defaults,
          highWatermark: highWatermarks.get(topicPartitionKey(tp)) ?? 0,
        }),
      onIsrChange: (proposal) =>
        this.clock.setTimeout(() => this.alterPartition(id, proposal), this.controllerDelayMs),
      onError: (err) => this.errors.push(err),
    });
    manager.serve();
    this.managers.set(id, manager);
  }

  isUp(id: number): boolean {
    return this.managers.has(id);
  }

  manager(id: number): ReplicaManager {
    const m = this.managers.get(id);
    if (m === undefined) throw new Error(`broker ${id} is down`);
    return m;
  }

  /** The broker's replica of the partition (after the first election). */
  partition(id: number): Partition {
    const p = this.manager(id).getPartition(this.tp);
    if (p === undefined) throw new Error(`broker ${id} has no replica yet`);
    return p;
  }

  get leader(): number {
    return this.state.leader;
  }

  /** Sends the controller's current decision to every live broker. */
  propagate(): void {
    for (const m of this.managers.values()) {
      const [result] = m.applyLeaderAndIsr([this.state]);
      if (result!.errorCode !== ErrorCode.NONE && result!.errorCode !== ErrorCode.FENCED_LEADER_EPOCH) {
        throw new Error(`broker ${m.brokerId} refused LeaderAndIsr with error ${result!.errorCode}`);
      }
    }
  }

  /** Elects `leaderId` at the next leader epoch; it must be a live ISR member unless `unclean`. */
  elect(leaderId: number, unclean = false): void {
    if (!this.isUp(leaderId)) throw new Error(`broker ${leaderId} is down`);
    if (!unclean && !this.state.isr.includes(leaderId))
      throw new Error(`broker ${leaderId} is not in the ISR`);
    this.state = {
      ...this.state,
      leader: leaderId,
      leaderEpoch: this.state.leaderEpoch + 1,
      partitionEpoch: this.state.partitionEpoch + 1,
      isr: this.state.isr.includes(leaderId) ? this.state.isr : [leaderId],
    };
    this.propagate();
  }

  /** The controller's AlterPartition: accepts a proposal from the current leader on the current partition epoch. */
  private alterPartition(from: number, proposal: IsrChangeProposal): void {
    const current =
      from === this.state.leader &&
      proposal.leaderEpoch === this.state.leaderEpoch &&
      proposal.partitionEpoch === this.state.partitionEpoch &&
      proposal.isr.every((id) => this.isUp(id)) &&
      // KIP-903: a member seen through a fetch of a previous incarnation may not join.
      proposal.isrWithBrokerEpochs.every(
        (m) => m.brokerEpoch < 0 || m.brokerEpoch === this.brokerEpochs.get(m.brokerId),
      );
    if (!current) {
      this.managers.get(from)?.abortIsrChange(this.tp, proposal.partitionEpoch);
      return;
    }
    this.state = { ...this.state, isr: [...proposal.isr], partitionEpoch: this.state.partitionEpoch + 1 };
    this.propagate();
  }

  /** Appends one batch through the current leader. */
  produce(batch: Buffer, acks: Acks, timeoutMs: number): Promise<AppendResult> {
    return this.manager(this.state.leader).appendToLeader(this.tp, batch, acks, timeoutMs);
  }

  /** Writes every live broker's `replication-offset-checkpoint`. */
  checkpointHighWatermarks(): void {
    for (const [id, m] of this.managers) {
      const fs = this.fss.get(id)!;
      new OffsetCheckpointFile(fs, `${this.dir(id)}/${replicationOffsetCheckpointName}`).write(
        m.highWatermarks(),
      );
    }
  }

  /**
   * Power loss on a broker: its ReplicaManager stops, its file system keeps synced bytes plus a random
   * prefix of the rest (possibly torn); the controller fences it out of the ISR.
   */
  crash(id: number): void {
    if (id === this.state.leader) throw new Error('this harness crashes followers only');
    const m = this.managers.get(id);
    if (m === undefined) return;
    m.halt();
    this.managers.delete(id);
    this.fss.get(id)!.crash({ random: this.random });
    if (this.state.isr.includes(id)) {
      this.state = {
        ...this.state,
        isr: this.state.isr.filter((b) => b !== id),
        partitionEpoch: this.state.partitionEpoch + 1,
      };
      this.propagate();
    }
  }

  /** Restarts a crashed broker: it recovers its log from the durable files and follows the current leader. */
  restart(id: number): void {
    if (this.isUp(id)) return;
    this.startBroker(id);
    if (this.state.leader >= 0) this.manager(id).applyLeaderAndIsr([this.state]);
  }

  /** Stops every broker (closing logs). */
  shutdown(): void {
    for (const m of this.managers.values()) m.shutdown();
    this.managers.clear();
  }
}
