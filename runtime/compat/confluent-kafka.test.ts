// confluent-kafka (Debian's python3 package, run by /usr/bin/python3) against a 3-broker Tributary cluster.
import { compatClusterPerSuite } from './compat-support.ts';
import { runPythonClientCheck } from './python-client-run.ts';

describe('confluent-kafka against a Tributary cluster', function () {
  this.timeout(180_000);
  const cluster = compatClusterPerSuite(3);

  it('AdminClient.create_topics, Producer produce+flush with delivery reports, Consumer subscribe/poll/commit in a group, and a second member resuming from the commit after lz4 sends', async () => {
    await runPythonClientCheck(cluster.env, {
      script: 'confluent_kafka_client.py',
      topic: 'confluent-topic',
      group: 'confluent-group',
      count: 3000,
      laterCodec: 3,
    });
  });
});
