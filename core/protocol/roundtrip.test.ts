import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Reader } from './reader.ts';
import { Writer } from './writer.ts';
import { messageArbitrary, modelsWithCodecs } from './test-support/schema-arbitraries.ts';

describe('generated codecs round-trip every message at every valid version', () => {
  for (const { model, codecs } of modelsWithCodecs()) {
    for (let version = model.validVersions.min; version <= model.validVersions.max; version++) {
      it(`${model.name} v${version}: decode(encode(x)) deep-equals x and consumes every byte`, () => {
        const codec = codecs[version];
        assert.ok(codec, `no codec for ${model.name} v${version}`);
        fc.assert(
          fc.property(messageArbitrary(model, version), (value) => {
            const w = new Writer();
            codec.encode(w, value);
            const bytes = w.toBuffer();
            const r = new Reader(bytes);
            const decoded = codec.decode(r);
            assert.deepStrictEqual(decoded, value);
            assert.equal(r.remaining(), 0);
          }),
        );
      });
    }
    it(`${model.name}: the version table has no codec outside validVersions`, () => {
      assert.equal(codecs.length, model.validVersions.max + 1);
      for (let v = 0; v < model.validVersions.min; v++) assert.equal(codecs[v], undefined);
    });
  }
});
