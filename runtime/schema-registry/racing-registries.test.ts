/**
 * Registries racing on one `_schemas` topic, over several seeds: every registry ends with the same
 * ids and versions, every caller got the id its schema really has, and what compaction would leave
 * of the topic (the last value per key) replays to that same state.
 */
import assert from 'node:assert/strict';
import { Consumer } from '../../actors/client/index.ts';
import { SeededRandom } from '../../core/io/index.ts';
import { SchemaRegistryState } from '../../core/serdes/index.ts';
import { Cluster } from '../cluster/index.ts';
import { LogSchemaRegistry } from './log-schema-registry.ts';
import { decodeSchemaLogRecord } from './schema-records.ts';

const seeds = [1, 2, 3, 4];
const registriesPerRun = 3;
const registrationsPerRegistry = 4;
const subjects = ['a-value', 'b-value'];
const schemas = ['"string"', '"int"', '"long"', '"double"', '"boolean"', '"bytes"', '"float"'];

async function readAll(cluster: Cluster): Promise<{ key: Buffer; value: Buffer | null }[]> {
  const consumer = new Consumer(
    { 'enable.auto.commit': false, 'auto.offset.reset': 'earliest', 'allow.auto.create.topics': false },
    { connectionFactory: cluster.connectionFactory(), clock: cluster.clock },
  );
  try {
    const tp = { topic: '_schemas', partition: 0 };
    const [end] = await cluster.run(consumer.endOffsets([tp]));
    consumer.assign([tp]);
    const out: { key: Buffer; value: Buffer | null }[] = [];
    while (out.length < end!.offset) {
      for (const r of await cluster.run(consumer.poll(100))) out.push({ key: r.rawKey!, value: r.rawValue });
    }
    return out;
  } finally {
    await cluster.run(consumer.close({ timeoutMs: 0 }));
  }
}

/** Subject -> [version, id, schema] of live versions, and id -> schema, as one comparable value. */
async function view(r: {
  getSubjects(): Promise<string[]>;
  getVersions(s: string): Promise<number[]>;
  getVersion(s: string, v: number): Promise<{ id: number; schema: string }>;
}): Promise<unknown> {
  const out: Record<string, [number, number, string][]> = {};
  for (const s of await r.getSubjects()) {
    out[s] = [];
    for (const v of await r.getVersions(s)) {
      const got = await r.getVersion(s, v);
      out[s].push([v, got.id, got.schema]);
    }
  }
  return out;
}

describe('racing LogSchemaRegistry instances', () => {
  for (const seed of seeds) {
    it(`agree on ids and versions, and the compacted _schemas replays to the same state (seed ${seed})`, async function () {
      this.timeout(120_000);
      const cluster = await Cluster.start({
        brokers: 1,
        simulated: { seed, network: { minDelayMs: 1, maxDelayMs: 3 } },
      });
      const random = new SeededRandom(seed);
      const registries: LogSchemaRegistry[] = [];
      try {
        for (let i = 0; i < registriesPerRun; i++) {
          registries.push(
            await cluster.run(
              LogSchemaRegistry.start({
                connections: cluster.connectionFactory(),
                clock: cluster.clock,
                clientId: `r${i}`,
              }),
            ),
          );
        }
        await cluster.run(registries[0]!.setCompatibility('NONE'));
        // Each registry registers its own random sequence; all sequences run at the same time.
        const calls = registries.map((r) =>
          Array.from({ length: registrationsPerRegistry }, () => ({
            r,
            subject: subjects[random.int(subjects.length)]!,
            schema: schemas[random.int(schemas.length)]!,
          })),
        );
        const results = await cluster.run(
          Promise.all(
            calls.map(async (seq) => {
              const ids: { subject: string; schema: string; id: number }[] = [];
              for (const c of seq) ids.push({ ...c, id: await c.r.register(c.subject, c.schema) });
              return ids;
            }),
          ),
        );
        const conflicts = registries.reduce((n, r) => n + r.stats.conflicts, 0);
        assert.ok(conflicts > 0, 'the registrations really raced');
        const views = [];
        for (const r of registries) views.push(await cluster.run(view(r)));
        for (const v of views.slice(1)) assert.deepEqual(v, views[0], 'every registry has the same state');
        for (const { subject, schema, id } of results.flat()) {
          assert.equal(await cluster.run(registries[0]!.getById(id)), schema, `id ${id} is ${schema}`);
          assert.equal((await cluster.run(registries[1]!.lookup(subject, schema))).id, id);
        }
        const ids = new Map<string, number>();
        for (const { schema, id } of results.flat()) {
          assert.equal(ids.get(schema) ?? id, id, 'one id per schema text');
          ids.set(schema, id);
        }

        const records = await readAll(cluster);
        const last = new Map<string, { index: number; key: Buffer; value: Buffer | null }>();
        records.forEach((rec, index) => last.set(rec.key.toString('utf8'), { index, ...rec }));
        const replayed = new SchemaRegistryState();
        for (const rec of [...last.values()].sort((x, y) => x.index - y.index)) {
          const decoded = decodeSchemaLogRecord(rec.key, rec.value);
          if (decoded.type === 'SCHEMA' && decoded.value !== null) replayed.applySchema(decoded.value);
          if (decoded.type === 'SCHEMA' && decoded.value === null)
            replayed.removeVersion(decoded.subject, decoded.version);
        }
        const replayView = await view({
          getSubjects: () => Promise.resolve(replayed.subjects()),
          getVersions: (s) => Promise.resolve(replayed.versions(s)),
          getVersion: (s, v) => Promise.resolve(replayed.version(s, v)),
        });
        assert.deepEqual(replayView, views[0], 'the compacted topic replays to the live state');
      } finally {
        for (const r of registries) await cluster.run(r.close());
        await cluster.stop();
      }
    });
  }
});
