// kafka-python (Debian's python3 package, run by /usr/bin/python3) against a 3-broker Tributary cluster.
import { compatClusterPerSuite } from './compat-support.ts';
import { runPythonClientCheck } from './python-client-run.ts';

describe('kafka-python against a Tributary cluster', function () {
  this.timeout(180_000);
  const cluster = compatClusterPerSuite(3);

  it('KafkaAdminClient.create_topics, KafkaProducer send+flush with acks=all, KafkaConsumer in a group consuming all and committing, and a second member resuming from the commit after gzip sends', async () => {
    await runPythonClientCheck(cluster.env, {
      script: 'kafka_python_client.py',
      topic: 'kafka-topic',
      group: 'kafka-group',
      count: 3000,
      laterCodec: 1,
    });
  });
});
