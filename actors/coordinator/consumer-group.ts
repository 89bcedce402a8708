import type { Clock, Timer } from '../../core/io/index.ts';
import type {
  GroupMetadataValue,
  JoinGroupRequestProtocol,
  JoinGroupResponse,
  SyncGroupResponse,
} from '../../core/protocol/index.ts';
import { MachineHost } from '../system/xstate-host.ts';
import { consumerGroupMachine, type GroupLifecycleEvent, type GroupState } from './consumer-group.machine.ts';
import type { CommittedOffset } from './offsets-records.ts';

const noBytes = Buffer.alloc(0);

/** One member of a classic group: its join parameters, its assignment and the callbacks parked on it. */
export class GroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: readonly JoinGroupRequestProtocol[];
  assignment: Buffer = noBytes;
  /** Set while the member's JoinGroup waits for the rebalance to complete. */
  awaitingJoin: ((response: JoinGroupResponse) => void) | undefined;
  /** Set while the member's SyncGroup waits for the leader's assignment. */
  awaitingSync: ((response: SyncGroupResponse) => void) | undefined;
  /** Session deadline: fires when no heartbeat (or join/sync/commit) arrived within the session timeout. */
  heartbeatTimer: Timer | undefined;

  constructor(fields: {
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    sessionTimeoutMs: number;
    rebalanceTimeoutMs: number;
    protocolType: string;
    protocols: readonly JoinGroupRequestProtocol[];
  }) {
    this.memberId = fields.memberId;
    this.groupInstanceId = fields.groupInstanceId;
    this.clientId = fields.clientId;
    this.clientHost = fields.clientHost;
    this.sessionTimeoutMs = fields.sessionTimeoutMs;
    this.rebalanceTimeoutMs = fields.rebalanceTimeoutMs;
    this.protocolType = fields.protocolType;
    this.protocols = fields.protocols;
  }

  metadataFor(protocol: string | null): Buffer {
    return this.protocols.find((p) => p.name === protocol)?.metadata ?? noBytes;
  }

  /** Same protocol names with the same metadata bytes, in the same order (Kafka's `matches`). */
  sameProtocols(protocols: readonly JoinGroupRequestProtocol[]): boolean {
    if (protocols.length !== this.protocols.length) return false;
    return protocols.every((p, i) => {
      const mine = this.protocols[i]!;
      return mine.name === p.name && mine.metadata.equals(p.metadata);
    });
  }

  /** The first of this member's protocols (its preference order) among `candidates`. */
  vote(candidates: ReadonlySet<string>): string {
    const choice = this.protocols.find((p) => candidates.has(p.name));
    if (choice === undefined)
      throw new Error(`member ${this.memberId} supports none of the group's protocols`);
    return choice.name;
  }
}

/**
 * The in-memory state of one group: membership, generation, selected protocol, committed offsets and the
 * rebalance bookkeeping. Its lifecycle state lives in the hosted `consumerGroupMachine`.
 */
export class ConsumerGroup {
  readonly groupId: string;
  /** The `__consumer_offsets` partition this group's records go to. */
  readonly partition: number;
  readonly members = new Map<string, GroupMember>();
  /** group.instance.id -> current member id (KIP-345). */
  readonly staticMembers = new Map<string, string>();
  /** KIP-394: ids handed out with MEMBER_ID_REQUIRED, waiting for the member's second JoinGroup. */
  readonly pendingMembers = new Map<string, Timer>();
  /** "topic\u0000partition" -> committed offset. */
  readonly offsets = new Map<string, CommittedOffset>();
  protocolType: string | null = null;
  protocolName: string | null = null;
  generationId = 0;
  leaderId: string | null = null;
  /** When the group last changed state; the offsets of an Empty group expire relative to it. */
  currentStateTimestamp: number;
  rebalanceTimer: Timer | undefined;
  /** True while the initial rebalance delay of a formerly empty group runs (joins never complete it early). */
  inInitialDelay = false;
  /** A member joined since the initial delay was last (re)armed: extend it. */
  newMemberAdded = false;
  private readonly lifecycle: MachineHost<typeof consumerGroupMachine>;

  constructor(groupId: string, partition: number, clock: Clock) {
    this.groupId = groupId;
    this.partition = partition;
    this.currentStateTimestamp = Math.floor(clock.now());
    this.lifecycle = new MachineHost(consumerGroupMachine, clock, {
      input: { groupId },
      onError: (error) => {
        throw error;
      },
      onDone: () => {},
    });
  }

  get state(): GroupState {
    return this.lifecycle.snapshot.value as GroupState;
  }

  /** Sends a lifecycle event and asserts the machine accepted it (moved to `expected`). */
  transition(event: GroupLifecycleEvent, expected: GroupState, now: number): void {
    const before = this.state;
    void this.lifecycle.send(event);
    const after = this.state;
    if (after !== expected) {
      throw new Error(
        `group ${this.groupId}: ${event.type} in ${before} led to ${after}, expected ${expected}`,
      );
    }
    if (after !== before) this.currentStateTimestamp = now;
  }

  hasStaticMember(instanceId: string | null): boolean {
    return instanceId !== null && this.staticMembers.has(instanceId);
  }

  /** Protocol names every member supports. */
  candidateProtocols(): Set<string> {
    let candidates: Set<string> | undefined;
    for (const m of this.members.values()) {
      const names = new Set(m.protocols.map((p) => p.name));
      candidates = candidates === undefined ? names : new Set([...candidates].filter((n) => names.has(n)));
    }
    return candidates ?? new Set();
  }

  /** Whether a member with these protocols may join (Kafka's `supportsProtocols`). */
  supportsProtocols(protocolType: string, protocols: readonly JoinGroupRequestProtocol[]): boolean {
    if (this.members.size === 0) return protocolType !== '' && protocols.length > 0;
    if (this.protocolType !== protocolType) return false;
    const candidates = this.candidateProtocols();
    return protocols.some((p) => candidates.has(p.name));
  }

  /** Each member votes for its most preferred common protocol; the most votes win (ties: first counted). */
  selectProtocol(): string {
    const candidates = this.candidateProtocols();
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const choice = m.vote(candidates);
      votes.set(choice, (votes.get(choice) ?? 0) + 1);
    }
    let best = '';
    let bestVotes = -1;
    for (const [name, count] of votes) {
      if (count > bestVotes) {
        best = name;
        bestVotes = count;
      }
    }
    return best;
  }

  allMembersJoined(): boolean {
    if (this.pendingMembers.size > 0) return false;
    for (const m of this.members.values()) if (m.awaitingJoin === undefined) return false;
    return true;
  }

  /** The largest rebalance timeout of the members: how long a rebalance waits for them to rejoin. */
  rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  metadataValue(): GroupMetadataValue {
    return {
      protocolType: this.protocolType ?? '',
      generation: this.generationId,
      protocol: this.protocolName,
      leader: this.leaderId,
      currentStateTimestamp: this.currentStateTimestamp,
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeout: m.rebalanceTimeoutMs,
        sessionTimeout: m.sessionTimeoutMs,
        subscription: m.metadataFor(this.protocolName),
        assignment: m.assignment,
      })),
    };
  }

  /** Stops the lifecycle machine (after Dead, or when the partition is unloaded). */
  stop(): void {
    this.lifecycle.stop();
  }
}
