import assert from 'node:assert/strict';
import { KafkaError } from '../../../core/errors/index.ts';
import { resolveAdminConfig } from './admin-config.ts';

describe('resolveAdminConfig', () => {
  it('takes the Java AdminClient defaults', () => {
    assert.deepEqual(resolveAdminConfig(), {
      clientId: 'tributary-admin',
      requestTimeoutMs: 30000,
      defaultApiTimeoutMs: 60000,
      retryBackoffMs: 100,
      retryBackoffMaxMs: 1000,
      metadataMaxAgeMs: 300000,
    });
  });

  it('raises retry.backoff.max.ms to retry.backoff.ms when only the latter is set above it', () => {
    const c = resolveAdminConfig({ 'retry.backoff.ms': 2000 });
    assert.equal(c.retryBackoffMaxMs, 2000);
  });

  it('refuses bad values with INVALID_CONFIG naming the key', () => {
    const cases: [Parameters<typeof resolveAdminConfig>[0], string][] = [
      [{ 'request.timeout.ms': 0 }, 'request.timeout.ms'],
      [{ 'default.api.timeout.ms': -1 }, 'default.api.timeout.ms'],
      [{ 'retry.backoff.ms': 1.5 }, 'retry.backoff.ms'],
      [{ 'retry.backoff.ms': 500, 'retry.backoff.max.ms': 100 }, 'retry.backoff.max.ms'],
      [{ 'metadata.max.age.ms': Number.NaN }, 'metadata.max.age.ms'],
    ];
    for (const [input, key] of cases) {
      assert.throws(
        () => resolveAdminConfig(input),
        (e: unknown) => KafkaError.is(e, 'INVALID_CONFIG') && e.message.includes(key),
        key,
      );
    }
  });
});
