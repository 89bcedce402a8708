// confluent-kafka (Debian's python3 package, run by /usr/bin/python3) against a 3-broker Tributary cluster.
import { startCompatCluster, type CompatCluster } from './compat-support.ts';
import { runPythonClientCheck } from './python-client-run.ts';

describe('confluent-kafka against a Tributary cluster', function () {
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

  it('AdminClient.create_topics, Producer produce+flush with delivery reports, Consumer subscribe/poll/commit in a group, and a second member resuming from the commit after lz4 sends', async () => {
    await runPythonClientCheck(env, {
      script: 'confluent_kafka_client.py',
      topic: 'confluent-topic',
      group: 'confluent-group',
      count: 3000,
      laterCodec: 3,
    });
  });
});
