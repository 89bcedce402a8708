import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Topology } from '../../dsl/index.ts';
import type { TopicPartition } from '../client/index.ts';

/** One stream task: a sub-topology on one partition number of its source topics (Kafka's TaskId). */
export interface TaskSpec {
  /** `<subtopologyId>_<partition>`, as Kafka's TaskId.toString(). */
  readonly id: string;
  readonly subtopology: number;
  readonly partition: number;
  /** The input partitions the task reads: partition `partition` of each source topic that has it. */
  readonly partitions: readonly TopicPartition[];
}

/** Kafka's TaskId rendering. */
export function taskIdOf(subtopology: number, partition: number): string {
  return `${subtopology}_${partition}`;
}

/**
 * How a topology's sub-topologies map onto physical topics and tasks for one application id: which
 * sub-topology reads a topic, and which tasks exist for given partition counts. A sub-topology has
 * max(#partitions of its source topics) tasks; task `s_p` reads partition p of every source topic
 * of s that has one, so co-partitioned inputs (joins, merges) meet in the same task.
 */
export class TaskLayout {
  readonly applicationId: string;
  /** Physical source topic names by sub-topology id (internal topics carry the application-id prefix). */
  private readonly topicsBySub: readonly (readonly string[])[];
  private readonly patternsBySub: readonly (readonly RegExp[])[];
  private readonly subByTopic = new Map<string, number>();

  constructor(topology: Topology, applicationId: string) {
    this.applicationId = applicationId;
    const subs = topology.subtopologies();
    // A global sub-topology generates no tasks: the global thread reads its topics (Kafka's rule).
    this.topicsBySub = subs.map((s) =>
      s.global === true ? [] : s.sourceTopics.map((t) => topology.physicalTopic(t, applicationId)),
    );
    this.patternsBySub = subs.map((s) => (s.global === true ? [] : s.sourcePatterns));
    this.topicsBySub.forEach((topics, id) => {
      for (const t of topics) {
        const other = this.subByTopic.get(t);
        if (other !== undefined && other !== id) {
          throw new KafkaError(
            ErrorCode.INVALID_CONFIG,
            `topic ${t} is a source of sub-topologies ${other} and ${id}; a topic may feed only one`,
          );
        }
        this.subByTopic.set(t, id);
      }
    });
  }

  get subtopologyCount(): number {
    return this.topicsBySub.length;
  }

  /** The named (non-pattern) physical source topics of every sub-topology. */
  sourceTopics(): string[] {
    return [...this.subByTopic.keys()];
  }

  /** True when some source is a pattern (the consumer then subscribes by RegExp). */
  get hasPatterns(): boolean {
    return this.patternsBySub.some((p) => p.length > 0);
  }

  /**
   * One RegExp matching every source topic, for a consumer subscription: the named topics exactly, and
   * the sources' patterns as the DSL tests them.
   */
  subscriptionPattern(): RegExp {
    const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const names = this.sourceTopics().map(escape);
    const parts: string[] = [];
    if (names.length > 0) parts.push(`^(?:${names.join('|')})$`);
    for (const list of this.patternsBySub) for (const p of list) parts.push(`(?:${p.source})`);
    return new RegExp(parts.join('|'));
  }

  /** The sub-topology reading `topic`, or undefined when none does. */
  subtopologyOf(topic: string): number | undefined {
    const named = this.subByTopic.get(topic);
    if (named !== undefined) return named;
    for (let id = 0; id < this.patternsBySub.length; id++) {
      if (this.patternsBySub[id]!.some((p) => p.test(topic))) return id;
    }
    return undefined;
  }

  /** The task reading `topic`-`partition`, or undefined when no sub-topology reads the topic. */
  taskOf(topic: string, partition: number): string | undefined {
    const sub = this.subtopologyOf(topic);
    return sub === undefined ? undefined : taskIdOf(sub, partition);
  }

  /**
   * Every task, given the partition counts of the topics that exist (`topics`: the topics to consider,
   * e.g. a group's subscription; topics without a count are skipped), in sub-topology then partition order.
   */
  tasks(counts: ReadonlyMap<string, number>, topics: Iterable<string> = counts.keys()): TaskSpec[] {
    const bySub = new Map<number, string[]>();
    for (const topic of topics) {
      const sub = this.subtopologyOf(topic);
      if (sub === undefined || (counts.get(topic) ?? 0) <= 0) continue;
      const list = bySub.get(sub);
      if (list === undefined) bySub.set(sub, [topic]);
      else if (!list.includes(topic)) list.push(topic);
    }
    const out: TaskSpec[] = [];
    for (const sub of [...bySub.keys()].sort((a, b) => a - b)) {
      const topicsOfSub = bySub.get(sub)!.sort();
      const max = Math.max(...topicsOfSub.map((t) => counts.get(t)!));
      for (let p = 0; p < max; p++) {
        out.push({
          id: taskIdOf(sub, p),
          subtopology: sub,
          partition: p,
          partitions: topicsOfSub.filter((t) => p < counts.get(t)!).map((topic) => ({ topic, partition: p })),
        });
      }
    }
    return out;
  }
}
