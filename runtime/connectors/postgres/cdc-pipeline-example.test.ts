/**
 * examples/postgres-cdc-pipeline.ts runs against the test PostgreSQL (.ci/postgres.sh): orders
 * inserted, moved between customers, updated and deleted end up summed per customer in the
 * materialized table customer_totals, through the CDC source, a Streams app and the sink.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCdcPipeline } from '../../../examples/postgres-cdc-pipeline.ts';
import { pgTestConfig, createTestDatabase, type TestDatabase } from './test-support/pg-test-env.ts';

describe('examples/postgres-cdc-pipeline.ts', function () {
  this.timeout(240_000);
  let db: TestDatabase | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    await db?.drop();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    db = undefined;
    dir = undefined;
  });

  it('materializes the orders summed per customer in PostgreSQL: inserts, a moved order, an update and a delete', async () => {
    db = await createTestDatabase('example');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdc-pipeline-example-'));
    const config = pgTestConfig(db.name);
    const result = await runCdcPipeline({
      dir,
      pg: {
        host: config.host!,
        port: config.port!,
        user: config.user!,
        password: String(config.password),
        database: db.name,
      },
      slotName: db.uniqueName('slot'),
      timeoutMs: 200_000,
    });
    const expected = new Map([
      ['alice', { total: 10, orders: 1 }],
      ['bob', { total: 25, orders: 1 }],
      ['carol', { total: 12, orders: 2 }],
    ]);
    assert.deepEqual(result.expected, expected);
    assert.deepEqual(result.materialized, expected);
  });
});
