// kafka-python (Debian's python3 package, run by /usr/bin/python3) against a 3-broker Tributary cluster.
import { startCompatCluster, type CompatCluster } from './compat-support.ts';
import { runPythonClientCheck } from './python-client-run.ts';

describe('kafka-python against a Tributary cluster', function () {
  this.timeout(180_000);
  let env: CompatCluster;

  before(async () => {
    env = await startCompatCluster(3);
  });

  after(async () => {
    await env?.stop();
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log(`broker listener problems:\n${env.problems().slice(-40).join('\n')}`);
    }
  });

  it('KafkaAdminClient.create_topics, KafkaProducer send+flush with acks=all, KafkaConsumer in a group consuming all and committing, and a second member resuming from the commit after gzip sends', async () => {
    await runPythonClientCheck(env, {
      script: 'kafka_python_client.py',
      topic: 'kafka-topic',
      group: 'kafka-group',
      count: 3000,
      laterCodec: 1,
    });
  });
});
