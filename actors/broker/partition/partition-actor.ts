// The control plane of the replicas one broker hosts: one supervised actor per replica, whose lifecycle
// is the xstate replica machine (offline -> follower <-> leader, every role change fenced by a higher
// leader epoch). The actor turns the controller's decisions into machine events and executes the
// effects the machine emits against the ReplicaManager (the data plane, plain code on batches). Produce,
// consumer fetches and follower fetches never pass through these actors.
import { ErrorCode, KafkaError } from '../../../core/errors/index.ts';
import type { Clock, Random } from '../../../core/io/index.ts';
import { replicaMachine, type ReplicaEffect, type ReplicaRole } from '../../machines/index.ts';
import {
  ActorSystem,
  MachineHost,
  Supervisor,
  supervisorSpec,
  type ActorContext,
  type ActorRef,
  type Behavior,
  type ChildSpec,
  type ReplyTo,
  type SupervisorFlags,
} from '../../system/index.ts';
import type { LeaderAndIsrState, ReplicaManager } from './replica-manager.ts';
import { topicPartitionKey, type TopicPartition } from './replica-messages.ts';

/** The protocol of a partition actor. Control messages carry the leader epoch they were issued under. */
export type PartitionActorMsg =
  /**
   * The controller's decision for this partition. A higher leader epoch changes the role through the
   * replica machine; the same epoch with a higher partition epoch updates the ISR and replica set in
   * place; anything older is refused with FENCED_LEADER_EPOCH. Answers the resulting error code.
   */
  | { readonly type: 'LEADER_AND_ISR'; readonly state: LeaderAndIsrState; readonly replyTo?: ReplyTo<number> }
  /** Fault injection (tests, chaos): this incarnation crashes with `error`; its supervisor restarts it. */
  | { readonly type: 'CRASH'; readonly error: Error };

/** The partitions supervisor's flags unless given: one_for_one, 10 restarts in 10 s, backoff 10 ms .. 1 s. */
export const partitionSupervisorFlagsDefault: SupervisorFlags = {
  strategy: 'one_for_one',
  intensity: 10,
  periodMs: 10_000,
  backoff: { minMs: 10, maxMs: 1000, jitter: 0.2 },
};

/** Graceful stop timeout of one partition actor. */
export const partitionActorShutdownMs = 5000;

export interface PartitionActorsOptions {
  readonly replicaManager: ReplicaManager;
  readonly clock: Clock;
  readonly random: Random;
  /** Name of this broker's actor system (registry names are `<name>/partitions/<topic>-<partition>`). */
  readonly name?: string;
  readonly supervisor?: SupervisorFlags;
  /** A replica took a role (after its effects ran: the Partition serves in that role now). */
  readonly onRoleChanged?: (tp: TopicPartition, role: ReplicaRole, leaderEpoch: number) => void;
  /** Failures applying a decision (storage errors opening a log), and crashes of partition actors. */
  readonly onError?: (error: unknown, tp: TopicPartition) => void;
}

/** Counters of the partition actors. */
export interface PartitionActorStats {
  /** Incarnations started (first starts and restarts). */
  incarnations: number;
  /** Role changes the machines accepted. */
  transitions: number;
  /** Decisions refused for a stale leader epoch. */
  rejected: number;
}

interface Hosted {
  readonly tp: TopicPartition;
  readonly id: string;
  /** The newest decision seen; a (re)started incarnation applies it first. */
  latest: LeaderAndIsrState;
  /** True while an incarnation runs (messages can be told to it). */
  live: boolean;
  removed: boolean;
}

function newer(a: LeaderAndIsrState, b: LeaderAndIsrState): boolean {
  return (
    a.leaderEpoch > b.leaderEpoch || (a.leaderEpoch === b.leaderEpoch && a.partitionEpoch >= b.partitionEpoch)
  );
}

/**
 * The partition actors of one broker, under a `partitions` supervisor in the broker's own actor system.
 * `apply` and `remove` are called by the broker's metadata reconciliation; they return at once and the
 * actor applies the decision from its mailbox (a microtask later). A crashed actor is restarted by its
 * supervisor: its Partition goes offline, and the new incarnation recovers it from its log (the
 * PartitionLog is the durable state) and re-applies the newest decision.
 */
export class PartitionActors {
  readonly system: ActorSystem;
  /** The supervisor of the partition actors (dynamic children, one per hosted replica). */
  readonly supervisor: Supervisor;
  readonly stats: PartitionActorStats = { incarnations: 0, transitions: 0, rejected: 0 };
  private readonly options: PartitionActorsOptions;
  private readonly replicaManager: ReplicaManager;
  private readonly name: string;
  private readonly hosted = new Map<string, Hosted>();
  /** Per partition: the supervisor calls in order (a start must finish before a stop, and so on). */
  private readonly pending = new Map<string, Promise<void>>();
  private halted = false;

  constructor(options: PartitionActorsOptions) {
    this.options = options;
    this.replicaManager = options.replicaManager;
    this.name = options.name ?? `broker-${options.replicaManager.brokerId}`;
    this.system = ActorSystem.start(
      {
        clock: options.clock,
        random: options.random,
        name: this.name,
        // The partitions supervisor restarts its children; when it gives up, the broker must know.
        supervisor: { strategy: 'one_for_one', intensity: 0, periodMs: 1000 },
      },
      [supervisorSpec('partitions', options.supervisor ?? partitionSupervisorFlagsDefault)],
    );
    this.supervisor = new Supervisor(this.system.ref(`${this.name}/partitions`));
    // Past the partitions supervisor's restart intensity the failure escalates and every replica here
    // goes offline (as a failed log dir does): the broker must hear of it.
    void this.system.whenTerminated().then((reason) => {
      if (reason.kind === 'crash' && !this.halted) {
        for (const h of this.hosted.values()) h.live = false;
        this.options.onError?.(reason.error, { topic: '', partition: -1 });
      }
    });
  }

  /** False once the partitions supervisor gave up (restart intensity exceeded) or the actors stopped. */
  get running(): boolean {
    return this.system.running;
  }

  /** The registry name of a partition's actor. */
  actorName(tp: TopicPartition): string {
    return `${this.name}/partitions/${topicPartitionKey(tp)}`;
  }

  /** A ref to a partition's actor (valid across restarts). */
  ref(tp: TopicPartition): ActorRef<PartitionActorMsg> {
    return this.system.ref<PartitionActorMsg>(this.actorName(tp));
  }

  /** True if this broker hosts an actor for `tp` (started or starting). */
  hosts(tp: TopicPartition): boolean {
    return this.hosted.has(topicPartitionKey(tp));
  }

  /** The partitions with an actor. */
  hostedPartitions(): TopicPartition[] {
    return [...this.hosted.values()].map((h) => h.tp);
  }

  /**
   * Hands the controller's decision to the partition's actor, starting the actor (supervised) on the
   * first decision for a partition.
   */
  apply(state: LeaderAndIsrState): void {
    if (this.halted) return;
    const key = topicPartitionKey(state);
    const h = this.hosted.get(key);
    if (h === undefined) {
      const tp = { topic: state.topic, partition: state.partition };
      const hosted: Hosted = { tp, id: key, latest: state, live: false, removed: false };
      this.hosted.set(key, hosted);
      this.serially(key, () => this.supervisor.startChild(this.spec(hosted)).then(() => {}));
      return;
    }
    if (newer(state, h.latest)) h.latest = state;
    if (h.live) this.ref(h.tp).tell({ type: 'LEADER_AND_ISR', state });
  }

  /**
   * StopReplica: the replica goes offline now (so its log may be deleted right after) and its actor
   * is stopped (its machine reaches `stopped`).
   */
  remove(tp: TopicPartition): void {
    const key = topicPartitionKey(tp);
    const h = this.hosted.get(key);
    this.replicaManager.stopReplica(tp);
    if (h === undefined) return;
    h.removed = true;
    h.live = false;
    this.hosted.delete(key);
    this.serially(key, () => this.supervisor.terminateChild(key));
  }

  /** Fault injection: the partition's actor crashes (its supervisor restarts it). */
  crash(tp: TopicPartition, error: Error = new Error('injected crash')): void {
    this.ref(tp).tell({ type: 'CRASH', error });
  }

  /** Graceful stop of every partition actor (reverse start order), then the system. */
  async stop(): Promise<void> {
    for (const h of this.hosted.values()) h.live = false;
    await Promise.allSettled([...this.pending.values()]);
    await this.system.stop();
  }

  /** A process death: no effect runs any more; the actors are dropped. */
  halt(): void {
    this.halted = true;
    for (const h of this.hosted.values()) h.live = false;
    void this.system.stop();
  }

  private serially(key: string, op: () => Promise<void>): void {
    const run = (this.pending.get(key) ?? Promise.resolve()).then(op).catch((err: unknown) => {
      if (!this.halted) this.options.onError?.(err, this.tpOf(key));
    });
    this.pending.set(key, run);
    void run.then(() => {
      if (this.pending.get(key) === run) this.pending.delete(key);
    });
  }

  private tpOf(key: string): TopicPartition {
    const i = key.lastIndexOf('-');
    return { topic: key.slice(0, i), partition: Number(key.slice(i + 1)) };
  }

  private spec(h: Hosted): ChildSpec<PartitionActorMsg> {
    return {
      id: h.id,
      // A crash restarts the actor; a stop (StopReplica, shutdown) is final.
      restart: 'transient',
      shutdown: partitionActorShutdownMs,
      start: (ctx) => new PartitionActorBehavior(this, h, ctx),
    };
  }

  /** @internal used by the behavior */
  get manager(): ReplicaManager {
    return this.replicaManager;
  }

  /** @internal */
  get isHalted(): boolean {
    return this.halted;
  }

  /** @internal */
  roleChanged(tp: TopicPartition, role: ReplicaRole, leaderEpoch: number): void {
    this.stats.transitions++;
    this.options.onRoleChanged?.(tp, role, leaderEpoch);
  }

  /** @internal */
  reportError(error: unknown, tp: TopicPartition): void {
    this.options.onError?.(error, tp);
  }
}

/**
 * One incarnation of a partition actor: a replica machine (the lifecycle) plus the effects it emits,
 * executed against the ReplicaManager. `current` is the decision being applied while the machine
 * handles it (effects run synchronously within `send`).
 */
class PartitionActorBehavior implements Behavior<PartitionActorMsg> {
  private readonly actors: PartitionActors;
  private readonly h: Hosted;
  private readonly machine: MachineHost<typeof replicaMachine>;
  private current: LeaderAndIsrState | undefined;
  private outcome: number = ErrorCode.NONE;

  constructor(actors: PartitionActors, h: Hosted, ctx: ActorContext<PartitionActorMsg>) {
    this.actors = actors;
    this.h = h;
    actors.stats.incarnations++;
    this.machine = new MachineHost(replicaMachine, ctx.clock, {
      // Each incarnation starts offline and takes the newest decision from its broker; fencing across
      // incarnations is the Partition's (its epoch cache lives in the log) and the controller's.
      input: { topic: h.tp.topic, partition: h.tp.partition, replicaId: actors.manager.brokerId },
      onEffect: (effect) => this.effect(effect),
      onError: (error) => ctx.fail(error),
      onDone: () => ctx.stop(),
      runInMailbox: (task) => ctx.runInMailbox(task),
    });
    if (!h.removed && !actors.isHalted) {
      h.live = true;
      ctx.self.tell({ type: 'LEADER_AND_ISR', state: h.latest });
    }
  }

  receive(msg: PartitionActorMsg): void {
    switch (msg.type) {
      case 'LEADER_AND_ISR': {
        const code = this.leaderAndIsr(msg.state);
        msg.replyTo?.reply(code);
        return;
      }
      case 'CRASH':
        throw msg.error;
      default: {
        const _never: never = msg;
        throw new KafkaError(
          ErrorCode.INVALID_REQUEST,
          `unknown partition message ${JSON.stringify(_never)}`,
        );
      }
    }
  }

  /** Graceful stop: the machine reaches `stopped` (its effect takes the replica offline). */
  stopping(): void {
    this.machine.send({ type: 'STOP' });
  }

  release(): void {
    this.machine.stop();
    // A crashed or killed incarnation leaves no half-applied state: the replica goes offline, and the
    // next incarnation rebuilds it from the log.
    if (!this.h.removed && !this.actors.isHalted) this.actors.manager.stopReplica(this.h.tp);
  }

  private leaderAndIsr(s: LeaderAndIsrState): number {
    if (this.h.removed || this.actors.isHalted) return ErrorCode.NOT_LEADER_OR_FOLLOWER;
    const snapshot = this.machine.snapshot;
    const role = snapshot.value as ReplicaRole;
    const leads = s.leader === this.actors.manager.brokerId;
    const sameEpoch = s.leaderEpoch === snapshot.context.leaderEpoch;
    if (
      sameEpoch &&
      ((leads && role === 'leader') ||
        (!leads && role === 'follower' && snapshot.context.leaderId === s.leader))
    ) {
      // Same leader epoch, same role: a newer partition epoch (ISR, replicas) is no role change.
      const code = this.applyToReplicas(s);
      if (code === ErrorCode.NONE && leads)
        this.machine.send({ type: 'ISR_UPDATE', leaderEpoch: s.leaderEpoch, isr: s.isr });
      return code;
    }
    this.current = s;
    this.outcome = ErrorCode.NONE;
    try {
      this.machine.send(
        leads
          ? { type: 'BECOME_LEADER', leaderEpoch: s.leaderEpoch, isr: s.isr }
          : { type: 'BECOME_FOLLOWER', leaderEpoch: s.leaderEpoch, leaderId: s.leader },
      );
    } finally {
      this.current = undefined;
    }
    return this.outcome;
  }

  private effect(effect: ReplicaEffect): void {
    const tp = this.h.tp;
    const manager = this.actors.manager;
    if (this.actors.isHalted) return;
    switch (effect.type) {
      case 'ROLE_CHANGED':
        switch (effect.role) {
          case 'leader':
          case 'follower': {
            const s = this.current;
            if (s === undefined) return;
            // Leader: epoch start, ISR, high watermark from the followers' offsets, acks purgatory.
            // Follower: the replica fetcher for the leader, which truncates where the logs diverge
            // (the leader's diverging-epoch answer, KIP-101/595) before it appends.
            this.outcome = this.applyToReplicas(s);
            if (this.outcome === ErrorCode.NONE) this.actors.roleChanged(tp, effect.role, effect.leaderEpoch);
            return;
          }
          case 'offline':
          case 'stopped':
            manager.stopReplica(tp);
            this.actors.roleChanged(tp, effect.role, effect.leaderEpoch);
            return;
          case 'fenced':
            manager.getPartition(tp)?.makeOffline();
            this.actors.roleChanged(tp, effect.role, effect.leaderEpoch);
            return;
          default: {
            const _never: never = effect.role;
            return _never;
          }
        }
      case 'REJECTED':
        this.actors.stats.rejected++;
        this.outcome = effect.errorCode;
        return;
      case 'ISR_CHANGED':
        return;
      case 'LEADER_CONFIRMED':
        effect.replyTo.reply(effect.check);
        return;
      default: {
        const _never: never = effect;
        return _never;
      }
    }
  }

  private applyToReplicas(s: LeaderAndIsrState): number {
    const [result] = this.actors.manager.applyLeaderAndIsr([s]);
    const code = result?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
    if (code !== ErrorCode.NONE && code !== ErrorCode.FENCED_LEADER_EPOCH) {
      this.actors.reportError(new KafkaError(code, `applying ${s.topic}-${s.partition}`), this.h.tp);
    }
    return code;
  }
}
