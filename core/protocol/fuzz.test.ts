import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KafkaError } from '../errors/index.ts';
import { apiCodecsByKey } from './generated/index.ts';
import { decodeRequest, decodeResponse } from './framing.ts';
import { decodeAssignment, decodeConsumerOffsetsKey, decodeSubscription } from './embedded.ts';
import { Writer } from './writer.ts';
import { messageArbitrary, modelByName } from './test-support/schema-arbitraries.ts';
import type { ApiCodecs } from './codec.ts';
import type { Codec } from './codec.ts';

const apis = apiCodecsByKey.filter((a): a is ApiCodecs => a !== undefined);

/** Runs `f`; anything thrown must be a KafkaError. */
function onlyKafkaErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof KafkaError)) throw e;
  }
}

/** A valid request frame (header v1/v2 + body) for a random API and version. */
const validRequestFrame: fc.Arbitrary<{ frame: Buffer; apiKey: number; version: number }> = fc
  .constantFrom(...apis)
  .chain((api) =>
    fc.integer({ min: api.minVersion, max: api.maxVersion }).chain((version) =>
      messageArbitrary(modelByName(`${api.name}Request`), version).map((body) => {
        const w = new Writer();
        w.writeInt16(api.apiKey);
        w.writeInt16(version);
        w.writeInt32(1);
        w.writeNullableString('fuzz');
        if (api.requestFlexibleMin >= 0 && version >= api.requestFlexibleMin) w.writeUVarint(0);
        (api.request[version] as Codec<unknown>).encode(w, body);
        return { frame: w.toBuffer(), apiKey: api.apiKey, version };
      }),
    ),
  );

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('ones' as const), at: fc.nat() }),
);

function mutate(frame: Buffer, ms: readonly { kind: string; at: number; byte?: number }[]): Buffer {
  let out = Buffer.from(frame);
  for (const m of ms) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    // Keep the API key and version (bytes 0-3) so mutations reach the body decoders.
    if (m.kind === 'truncate') out = out.subarray(0, Math.max(4, at));
    else if (m.kind === 'flip' && at >= 4) out[at] = m.byte ?? 0;
    else if (m.kind === 'ones' && at >= 4) out.fill(0xff, at, Math.min(out.length, at + 4));
  }
  return out;
}

describe('decoders on hostile input', () => {
  it('decode every valid request frame they are given', () => {
    fc.assert(
      fc.property(validRequestFrame, ({ frame, apiKey, version }) => {
        const req = decodeRequest(frame);
        assert.equal(req.apiKey, apiKey);
        assert.equal(req.apiVersion, version);
      }),
    );
  });

  it('throw only KafkaError on mutated or truncated valid request frames', () => {
    fc.assert(
      fc.property(validRequestFrame, fc.array(mutation, { minLength: 1, maxLength: 4 }), ({ frame }, ms) => {
        onlyKafkaErrors(() => decodeRequest(mutate(frame, ms)));
      }),
    );
  });

  it('throw only KafkaError on random bytes, as requests and as responses of every API version', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
        fc.constantFrom(...apis),
        fc.nat(),
        (bytes, api, v) => {
          onlyKafkaErrors(() => decodeRequest(bytes));
          const version = api.minVersion + (v % (api.maxVersion - api.minVersion + 1));
          onlyKafkaErrors(() => decodeResponse(api.apiKey as 0, version, bytes));
          onlyKafkaErrors(() => decodeSubscription(bytes));
          onlyKafkaErrors(() => decodeAssignment(bytes));
          onlyKafkaErrors(() => decodeConsumerOffsetsKey(bytes));
        },
      ),
    );
  });

  it('reject every strict prefix of a valid request with INVALID_REQUEST', () => {
    fc.assert(
      fc.property(validRequestFrame, ({ frame }) => {
        // Every body ends with at least one mandatory byte, so no strict prefix may decode.
        for (let n = 0; n < frame.length; n++) {
          assert.throws(
            () => decodeRequest(frame.subarray(0, n)),
            (e: unknown) => KafkaError.is(e, 'INVALID_REQUEST'),
            `prefix of ${n} of ${frame.length} bytes`,
          );
        }
      }),
      { numRuns: Math.max(1, Math.ceil((fc.readConfigureGlobal().numRuns ?? 30) / 3)) }, // quadratic per run
    );
  });
});
