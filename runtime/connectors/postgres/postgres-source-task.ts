import type pg from 'pg';
import type { ClientConfig } from 'pg';
import { LogicalReplicationService } from 'pg-logical-replication';
import {
  ConnectException,
  DebeziumChangeEventBuilder,
  type OffsetMap,
  type OffsetStorageReader,
  type PgChange,
  type PgRelation,
  type RecordMetadata,
  type SourceRecord,
  type SourceTask,
  type SourceTaskContext,
  type Props,
} from '../../../actors/connect/index.ts';
import { SystemClock, type Clock, type Timer } from '../../../core/io/index.ts';
import { LsnAckTracker } from './lsn-ack-tracker.ts';
import { formatLsn, parseLsn } from './lsn.ts';
import {
  connectClient,
  describeTable,
  pgRelation,
  publicationTables,
  query,
  slotInfo,
  userTables,
  type ReplicationClientConfig,
} from './pg-catalog.ts';
import {
  PgoutputTextPlugin,
  type DecodedWalMessage,
  type PgoutputMessage,
  type RelationMessage,
} from './pgoutput-decoder.ts';
import {
  isCaptured,
  parsePostgresSourceConfig,
  type PostgresSourceConfig,
} from './postgres-source-config.ts';
import { beginSnapshot, createSlotWithSnapshot, SnapshotReader } from './snapshot-reader.ts';
import { quoteIdent, quoteTable, type TableId } from './sql.ts';
import { postgresConnectorVersion } from './version.ts';

/** How often, and how long, to wait for a slot still held by a previous (crashed) connection. */
export const slotBusyRetries = 240;
export const slotBusyRetryDelayMs = 250;

/**
 * Where a restart resumes: transactions ending before `lsn` were fully emitted; of the one ending at
 * `lsn`, the first `event` records were (all of them when `complete`).
 */
interface ResumePoint {
  readonly lsn: number;
  readonly event: number;
  readonly complete: boolean;
}

/** A transaction between its Begin and Commit messages. */
interface OpenTransaction {
  readonly xid: number;
  readonly commitTimeUs: number;
  readonly changes: PgChange[];
}

/**
 * Streams a PostgreSQL database's row changes as Debezium change events (see PostgresSourceConnector).
 *
 * Offsets (source partition `{server: <topic.prefix>}`):
 * - snapshot records: `{lsn, txId, ts_usec, snapshot: true, last_snapshot_record}`, `lsn` being the new
 *   slot's consistent point, or the confirmed position of the existing slot the snapshot was taken on
 *   (the slot is kept: it streams every change after that position once the snapshot is done);
 * - change records: `{lsn: <end LSN of the transaction's commit>, lsn_commit, txId, ts_usec, event, events}`:
 *   record `event` (1-based) of the `events` records the transaction produced. A restart from a
 *   committed offset re-emits nothing before it and skips nothing after it, even mid-transaction.
 */
export class PostgresSourceTask implements SourceTask {
  private context: SourceTaskContext | undefined;
  private config: PostgresSourceConfig | undefined;
  private readonly clock: Clock;
  private builder: DebeziumChangeEventBuilder | undefined;
  /** Catalog lookups and the snapshot transaction. */
  private meta: pg.Client | undefined;
  private snapshot: SnapshotReader | undefined;
  private service: LogicalReplicationService | undefined;
  private plugin: PgoutputTextPlugin | undefined;
  private tracker: LsnAckTracker | undefined;
  private resume: ResumePoint | undefined;
  private readonly relations = new WeakMap<RelationMessage, PgRelation | null>();
  private open: OpenTransaction | undefined;
  private lastCommitLsn: number | undefined;
  private processedSeq = 0;
  private readonly queue: SourceRecord[] = [];
  private recordWaiter: (() => void) | undefined;
  private roomWaiters: (() => void)[] = [];
  private failure: Error | undefined;
  private stopping = false;
  private streamingOnly = true;
  private sentLsn = 0;
  private statusTimer: Timer | undefined;

  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? new SystemClock();
  }

  version(): string {
    return postgresConnectorVersion;
  }

  initialize(context: SourceTaskContext): void {
    this.context = context;
  }

  /** The slot position this task has confirmed to the server so far (0 before streaming). */
  get confirmedLsn(): number {
    return this.sentLsn;
  }

  async start(props: Props): Promise<void> {
    const config = parsePostgresSourceConfig(props);
    this.config = config;
    this.builder = new DebeziumChangeEventBuilder({
      topicPrefix: config.topicPrefix,
      database: config.database,
      clock: this.clock,
      tombstonesOnDelete: config.tombstonesOnDelete,
      unavailableValuePlaceholder: config.unavailableValuePlaceholder,
    });
    const meta = await connectClient(this.clientConfig(), 'PostgreSQL source');
    this.meta = meta;
    const walLevel = (await query<{ wal_level: string }>(meta, 'SHOW wal_level'))[0]?.wal_level;
    if (walLevel !== 'logical') {
      throw new ConnectException(
        `PostgreSQL source: wal_level is ${walLevel}; logical decoding needs wal_level=logical (postgresql.conf, then restart the server)`,
      );
    }
    await this.ensurePublication(meta, config);

    const offset = await this.offsetReader().offset(this.sourcePartition());
    const slot = await slotInfo(meta, config.slotName);
    if (slot !== undefined && (slot.plugin !== 'pgoutput' || slot.database !== config.database)) {
      throw new ConnectException(
        `PostgreSQL source: slot ${config.slotName} exists for plugin ${slot.plugin} on database ${slot.database}, not pgoutput on ${config.database}`,
      );
    }
    const snapshotIncomplete =
      offset !== null && offset['snapshot'] === true && offset['last_snapshot_record'] !== true;
    const mode = config.snapshotMode;
    const wantSnapshot =
      mode === 'always' ||
      ((mode === 'initial' || mode === 'initial_only' || mode === 'when_needed') &&
        (offset === null || snapshotIncomplete)) ||
      (mode === 'when_needed' && slot === undefined);
    if (!wantSnapshot && offset !== null && !snapshotIncomplete && slot === undefined) {
      throw new ConnectException(
        `PostgreSQL source: replication slot ${config.slotName} is gone but offsets exist (lsn ${String(offset['lsn'])}): ` +
          'the changes since then are lost; set snapshot.mode=when_needed to take a new snapshot',
      );
    }
    if (wantSnapshot) {
      const snapshotClient = await connectClient(this.clientConfig(), 'PostgreSQL source snapshot');
      let snapshotLsn: number;
      if (slot === undefined) {
        const created = await createSlotWithSnapshot(
          this.replicationConfig(),
          snapshotClient,
          config.slotName,
        );
        snapshotLsn = created.consistentLsn;
        this.resume = { lsn: snapshotLsn, event: 0, complete: true };
      } else {
        // The slot is kept, never dropped and re-created: it still holds every change after the
        // position it confirmed, and a previous run may have emitted records (and had them
        // acknowledged) without their offsets ever being committed. A new slot would start after
        // the new snapshot, and a row deleted in between would stay in the log forever. Instead the
        // snapshot is read now and the slot then replays everything after its position: changes
        // the snapshot already shows come again (at least once), none is lost.
        const kept = await slotInfo(this.meta!, config.slotName);
        if (kept === undefined) {
          throw new ConnectException(`PostgreSQL source: slot ${config.slotName} disappeared`);
        }
        snapshotLsn = kept.confirmedFlushLsn === null ? 0 : parseLsn(kept.confirmedFlushLsn);
        await beginSnapshot(snapshotClient);
        this.resume = offset === null ? undefined : resumePointOf(offset);
      }
      const tables = await this.capturedTables(snapshotClient, config);
      this.snapshot = new SnapshotReader({
        client: snapshotClient,
        tables,
        builder: this.builder,
        fetchSize: config.snapshotFetchSize,
        consistentLsn: snapshotLsn,
        startedMs: this.clock.now(),
      });
      this.streamingOnly = mode !== 'initial_only';
      return;
    }
    if (slot === undefined) {
      const repl = await connectClient(this.replicationConfig(), 'creating the replication slot');
      try {
        await repl.query(
          `CREATE_REPLICATION_SLOT ${quoteIdent(config.slotName)} LOGICAL pgoutput NOEXPORT_SNAPSHOT`,
        );
      } finally {
        await repl.end().catch(() => undefined);
      }
    }
    this.resume = offset === null ? undefined : resumePointOf(offset);
    await this.startStreaming();
  }

  async poll(): Promise<SourceRecord[] | null> {
    this.throwIfFailed();
    const config = this.config!;
    if (this.snapshot !== undefined) {
      const records = await this.snapshot.next(config.maxBatchSize);
      if (records !== null && records.length > 0) return records;
      if (records === null) {
        const snapshot = this.snapshot;
        this.snapshot = undefined;
        await snapshot.close();
        if (this.streamingOnly) await this.startStreaming();
      }
      return null;
    }
    if (this.service === undefined) return null; // initial_only: done after the snapshot
    if (this.queue.length === 0) await this.waitForRecords(config.pollIntervalMs);
    this.throwIfFailed();
    if (this.queue.length === 0) return null;
    const out = this.queue.splice(0, config.maxBatchSize);
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const w of waiters) w();
    return out;
  }

  /** The log acknowledged `record` (acks=all): its transaction's LSN may now be confirmed. */
  commitRecord(record: SourceRecord, _metadata: RecordMetadata | null): void {
    const offset = record.sourceOffset;
    if (offset['snapshot'] === true || this.tracker === undefined) return;
    const lsn = offset['lsn'];
    const event = offset['event'];
    if (typeof lsn !== 'number' || typeof event !== 'number') return;
    this.tracker.acked(lsn, event);
    this.sendStatus(false);
  }

  commit(): void {
    this.sendStatus(false);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.statusTimer?.cancel();
    this.recordWaiter?.();
    for (const w of this.roomWaiters) w();
    this.roomWaiters = [];
    const service = this.service;
    this.service = undefined;
    await service?.destroy().catch(() => undefined);
    const snapshot = this.snapshot;
    this.snapshot = undefined;
    await snapshot?.close();
    if (this.config?.slotDropOnStop === true && this.meta !== undefined) {
      await this.dropSlot(this.config.slotName).catch(() => undefined);
    }
    await this.meta?.end().catch(() => undefined);
    this.meta = undefined;
  }

  // ------------------------------------------------------------------ setup

  private clientConfig(): ClientConfig {
    const c = this.config!;
    return {
      host: c.host,
      port: c.port,
      user: c.user,
      database: c.database,
      application_name: `tributary-${c.topicPrefix}`,
      ...(c.password !== undefined ? { password: c.password } : {}),
    };
  }

  private replicationConfig(): ReplicationClientConfig {
    return { ...this.clientConfig(), replication: 'database' };
  }

  private offsetReader(): OffsetStorageReader {
    if (this.context === undefined) throw new ConnectException('PostgreSQL source: task not initialized');
    return this.context.offsetStorageReader();
  }

  private sourcePartition(): OffsetMap {
    return { server: this.config!.topicPrefix };
  }

  /** Creates or updates the publication as publication.autocreate.mode says. */
  private async ensurePublication(meta: pg.Client, config: PostgresSourceConfig): Promise<void> {
    const exists =
      (
        await query(meta, 'SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = $1', [
          config.publicationName,
        ])
      ).length > 0;
    const name = quoteIdent(config.publicationName);
    switch (config.publicationAutocreateMode) {
      case 'disabled':
        if (!exists) {
          throw new ConnectException(
            `PostgreSQL source: publication ${config.publicationName} does not exist and publication.autocreate.mode=disabled`,
          );
        }
        return;
      case 'all_tables':
        if (!exists) await meta.query(`CREATE PUBLICATION ${name} FOR ALL TABLES`);
        return;
      case 'filtered': {
        const tables = (await userTables(meta)).filter((t) => isCaptured(config, t));
        if (tables.length === 0) {
          throw new ConnectException(
            'PostgreSQL source: no table matches table.include.list/table.exclude.list',
          );
        }
        const list = tables.map(quoteTable).join(', ');
        await meta.query(
          exists
            ? `ALTER PUBLICATION ${name} SET TABLE ${list}`
            : `CREATE PUBLICATION ${name} FOR TABLE ${list}`,
        );
        return;
      }
      default: {
        const _never: never = config.publicationAutocreateMode;
        return _never;
      }
    }
  }

  private async capturedTables(client: pg.Client, config: PostgresSourceConfig): Promise<TableId[]> {
    return (await publicationTables(client, config.publicationName)).filter((t) => isCaptured(config, t));
  }

  /** Drops the slot, waiting for a previous holder (a crashed task's walsender) to let go of it. */
  private async dropSlot(slotName: string): Promise<void> {
    await this.retryWhileSlotBusy(async () => {
      await this.meta!.query('SELECT pg_catalog.pg_drop_replication_slot($1)', [slotName]);
    });
  }

  private async retryWhileSlotBusy(fn: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await fn();
        return;
      } catch (err) {
        if (
          !/is active for PID/.test((err as Error).message ?? '') ||
          attempt >= slotBusyRetries ||
          this.stopping
        )
          throw err;
        await new Promise<void>((resolve) => this.clock.setTimeout(resolve, slotBusyRetryDelayMs));
      }
    }
  }

  // ------------------------------------------------------------------ streaming

  private async startStreaming(): Promise<void> {
    const config = this.config!;
    await this.retryWhileSlotBusy(async () => {
      const slot = await slotInfo(this.meta!, config.slotName);
      if (slot === undefined)
        throw new ConnectException(`PostgreSQL source: slot ${config.slotName} disappeared`);
      const confirmed = slot.confirmedFlushLsn === null ? 0 : parseLsn(slot.confirmedFlushLsn);
      this.tracker = new LsnAckTracker(confirmed);
      this.sentLsn = confirmed;
      const plugin = new PgoutputTextPlugin({ publicationName: config.publicationName });
      const service = new LogicalReplicationService(this.clientConfig(), {
        // Never let the library acknowledge on its own: it would confirm what it received, not what our log stored.
        acknowledge: { auto: false, timeoutSeconds: 0 },
        // Await our data listener, so a full queue pauses the socket instead of buffering without bound.
        flowControl: { enabled: true },
      });
      service.on('data', (lsn: string, decoded: DecodedWalMessage) => this.onData(lsn, decoded));
      service.on('heartbeat', (lsn: string, _ts: number, shouldRespond: boolean) =>
        this.onKeepalive(lsn, shouldRespond, plugin),
      );
      service.on('error', (err: Error) => this.fail(err));
      const started = new Promise<void>((resolve, reject) => {
        service.once('start', () => resolve());
        service
          .subscribe(plugin, config.slotName)
          .then(() => {
            if (!this.stopping && this.service === service)
              this.fail(new ConnectException('PostgreSQL source: the replication stream ended'));
          })
          .catch((err: unknown) => {
            reject(err as Error);
            if (!this.stopping && this.service === service) this.fail(err as Error);
          });
      });
      try {
        this.plugin = plugin;
        await started;
        this.service = service;
      } catch (err) {
        await service.destroy().catch(() => undefined);
        throw err;
      }
    });
    this.statusTimer = this.clock.setInterval(() => this.sendStatus(true), config.statusUpdateIntervalMs);
  }

  private async onData(lsn: string, decoded: DecodedWalMessage): Promise<void> {
    if (this.stopping) return;
    try {
      await this.handle(parseLsn(lsn), decoded.message);
    } catch (err) {
      this.fail(err as Error);
      return;
    }
    this.processedSeq = decoded.seq;
    this.tracker!.idle(this.processedSeq, this.open !== undefined);
    this.sendStatus(false);
    // Backpressure: hold the stream (the library pauses the socket while we wait) until poll drains.
    while (this.queue.length >= this.config!.maxQueueSize && !this.stopping) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
  }

  private onKeepalive(lsn: string, shouldRespond: boolean, plugin: PgoutputTextPlugin): void {
    if (this.stopping || this.tracker === undefined) return;
    this.tracker.keepaliveReceived(parseLsn(lsn), plugin.received);
    this.tracker.idle(this.processedSeq, this.open !== undefined);
    this.sendStatus(shouldRespond);
  }

  private async handle(lsn: number, message: PgoutputMessage): Promise<void> {
    switch (message.tag) {
      case 'begin':
        this.open = { xid: message.xid, commitTimeUs: message.commitTimeUs, changes: [] };
        return;
      case 'relation':
        this.relations.set(message, await this.relationOf(message));
        return;
      case 'insert':
      case 'update':
      case 'delete': {
        const relation = this.relations.get(message.relation);
        if (relation === null || relation === undefined) return; // not captured
        const tx = this.requireOpen(message.tag);
        const base = {
          relation,
          lsn,
          txId: tx.xid,
          commitTs: Math.floor(tx.commitTimeUs / 1000),
          ...(this.lastCommitLsn !== undefined ? { lastCommitLsn: this.lastCommitLsn } : {}),
        };
        if (message.tag === 'insert') tx.changes.push({ ...base, kind: 'insert', new: message.new });
        else if (message.tag === 'update')
          tx.changes.push({ ...base, kind: 'update', old: message.old ?? message.key, new: message.new });
        else tx.changes.push({ ...base, kind: 'delete', old: message.old ?? message.key });
        return;
      }
      case 'commit':
        this.commitTransaction(this.requireOpen('commit'), message.commitLsn, message.endLsn);
        return;
      case 'truncate': // skipped, as Debezium's default skipped.operations=t does
      case 'type':
      case 'origin':
      case 'message':
        return;
      default: {
        const _never: never = message;
        return _never;
      }
    }
  }

  private requireOpen(what: string): OpenTransaction {
    if (this.open === undefined)
      throw new ConnectException(`PostgreSQL source: ${what} outside a transaction`);
    return this.open;
  }

  /** The builder's relation for a captured table, or null for one that is not captured. */
  private async relationOf(message: RelationMessage): Promise<PgRelation | null> {
    const id = { schema: message.schema, table: message.table };
    if (!isCaptured(this.config!, id)) return null;
    return pgRelation(id, message.columns, await describeTable(this.meta!, id));
  }

  /** Builds the transaction's records, drops those a previous run already emitted, and queues the rest. */
  private commitTransaction(tx: OpenTransaction, commitLsn: number, endLsn: number): void {
    this.open = undefined;
    const records = tx.changes.flatMap((c) => this.builder!.build(c));
    const events = records.length;
    let skip = 0;
    const resume = this.resume;
    if (resume !== undefined) {
      if (endLsn < resume.lsn || (endLsn === resume.lsn && resume.complete)) skip = events;
      else if (endLsn === resume.lsn) skip = Math.min(resume.event, events);
    }
    const emitted: number[] = [];
    for (let i = skip; i < events; i++) {
      const event = i + 1;
      emitted.push(event);
      this.queue.push({
        ...records[i]!,
        sourceOffset: {
          lsn: endLsn,
          lsn_commit: commitLsn,
          txId: tx.xid,
          ts_usec: tx.commitTimeUs,
          event,
          events,
        },
      });
    }
    this.lastCommitLsn = commitLsn;
    this.tracker!.emitted(endLsn, emitted);
    if (emitted.length > 0) this.recordWaiter?.();
  }

  /**
   * Sends the confirmed LSN when it moved (or when `force`, e.g. the server asked for a reply). The
   * library reports `lsn + 1` as written/flushed, so it is handed `confirmed - 1`: the server then
   * records exactly the end of the last stored transaction, and a transaction whose commit record
   * starts right there is still sent after a restart.
   */
  private sendStatus(force: boolean): void {
    const tracker = this.tracker;
    const service = this.service;
    if (tracker === undefined || service === undefined || this.stopping) return;
    const confirmed = tracker.confirmed;
    if (confirmed <= 0 || (!force && confirmed <= this.sentLsn)) return;
    void service
      .acknowledge(formatLsn(confirmed - 1))
      .then((sent) => {
        if (sent && confirmed > this.sentLsn) this.sentLsn = confirmed;
      })
      .catch((err: unknown) => this.fail(err as Error));
  }

  private waitForRecords(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.recordWaiter = undefined;
        resolve();
      }, timeoutMs);
      this.recordWaiter = () => {
        timer.cancel();
        this.recordWaiter = undefined;
        resolve();
      };
    });
  }

  private fail(err: Error): void {
    if (this.failure !== undefined || this.stopping) return;
    this.failure =
      err instanceof ConnectException
        ? err
        : new ConnectException(`PostgreSQL source: ${err.message}`, { cause: err });
    this.recordWaiter?.();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** The resume point a committed offset describes. */
function resumePointOf(offset: OffsetMap): ResumePoint | undefined {
  const lsn = offset['lsn'];
  if (typeof lsn !== 'number') return undefined;
  if (offset['snapshot'] === true) return { lsn, event: 0, complete: true };
  const event = typeof offset['event'] === 'number' ? offset['event'] : 0;
  const events = typeof offset['events'] === 'number' ? offset['events'] : 0;
  return { lsn, event, complete: event >= events };
}
