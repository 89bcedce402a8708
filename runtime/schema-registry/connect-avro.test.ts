import assert from 'node:assert/strict';
import { AvroConverter, SchemaBuilder, Schemas, Struct } from '../../actors/connect/index.ts';
import { Cluster } from '../cluster/index.ts';
import { LogSchemaRegistry } from './log-schema-registry.ts';

describe("Connect's AvroConverter on the _schemas-topic registry", () => {
  it('a converter on one registry writes, a converter on another reads, and v2 evolves the subject', async () => {
    const cluster = await Cluster.start({
      brokers: 1,
      simulated: { seed: 3, network: { minDelayMs: 1, maxDelayMs: 1 } },
    });
    const start = (clientId: string) =>
      cluster.run(
        LogSchemaRegistry.start({ connections: cluster.connectionFactory(), clock: cluster.clock, clientId }),
      );
    const sourceSide = await start('source');
    const sinkSide = await start('sink');
    try {
      const v1 = SchemaBuilder.struct().name('shop.Item').field('id', Schemas.INT64).build();
      const v2 = SchemaBuilder.struct()
        .name('shop.Item')
        .field('id', Schemas.INT64)
        .field('label', Schemas.OPTIONAL_STRING)
        .build();
      const source = new AvroConverter(sourceSide);
      source.configure({}, false);
      await cluster.run(source.prepareFromConnectData('items', v1));
      const old = source.fromConnectData('items', v1, new Struct(v1).put('id', 7))!;
      await cluster.run(source.prepareFromConnectData('items', v2));
      const next = source.fromConnectData('items', v2, new Struct(v2).put('id', 8).put('label', 'x'))!;

      const sink = new AvroConverter(sinkSide);
      sink.configure({}, false);
      await cluster.run(sink.prepareToConnectData('items', old));
      await cluster.run(sink.prepareToConnectData('items', next));
      assert.equal((sink.toConnectData('items', old).value as Struct).get('id'), 7);
      const back = sink.toConnectData('items', next);
      assert.equal((back.value as Struct).get('label'), 'x');
      assert.equal(back.schema!.name, 'shop.Item');
      assert.deepEqual(await cluster.run(sinkSide.getVersions('items-value')), [1, 2]);
    } finally {
      await cluster.run(sourceSide.close());
      await cluster.run(sinkSide.close());
      await cluster.stop();
    }
  });
});
