import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ApiCodecs } from './codec.ts';
import { FrameDecoder } from './frame-decoder.ts';
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse } from './framing.ts';
import { apiCodecsByKey, type RequestInputByKey, type ResponseInputByKey } from './generated/index.ts';
import { messageArbitrary, modelByName } from './test-support/schema-arbitraries.ts';

const apis = apiCodecsByKey.filter((a): a is ApiCodecs => a !== undefined);

const apiAndVersion = fc
  .constantFrom(...apis)
  .chain((api) =>
    fc.integer({ min: api.minVersion, max: api.maxVersion }).map((version) => ({ api, version })),
  );

describe('framing round-trips every API version through the size-prefixed wire form', () => {
  it('encodeRequest -> FrameDecoder -> decodeRequest gives back header and body', () => {
    fc.assert(
      fc.property(
        apiAndVersion.chain(({ api, version }) =>
          fc.record({
            api: fc.constant(api),
            version: fc.constant(version),
            body: messageArbitrary(modelByName(`${api.name}Request`), version),
            correlationId: fc.integer(),
            clientId: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
          }),
        ),
        ({ api, version, body, correlationId, clientId }) => {
          const chunks = encodeRequest(
            { apiKey: api.apiKey as 0, apiVersion: version, correlationId, clientId },
            body as unknown as RequestInputByKey[0],
          );
          const frames = new FrameDecoder().push(Buffer.concat(chunks));
          assert.equal(frames.length, 1);
          const req = decodeRequest(frames[0] as Buffer);
          assert.deepEqual(req.header, {
            requestApiKey: api.apiKey,
            requestApiVersion: version,
            correlationId,
            clientId,
          });
          assert.deepStrictEqual(req.body, body);
        },
      ),
    );
  });

  it('encodeResponse -> decodeResponse gives back correlation id and body', () => {
    fc.assert(
      fc.property(
        apiAndVersion.chain(({ api, version }) =>
          fc.record({
            api: fc.constant(api),
            version: fc.constant(version),
            body: messageArbitrary(modelByName(`${api.name}Response`), version),
            correlationId: fc.integer(),
          }),
        ),
        ({ api, version, body, correlationId }) => {
          const out = Buffer.concat(
            encodeResponse(api.apiKey as 0, version, correlationId, body as unknown as ResponseInputByKey[0]),
          );
          assert.equal(out.readInt32BE(0), out.length - 4);
          const res = decodeResponse(api.apiKey as 0, version, out.subarray(4));
          assert.equal(res.correlationId, correlationId);
          assert.deepStrictEqual(res.body, body);
        },
      ),
    );
  });
});
