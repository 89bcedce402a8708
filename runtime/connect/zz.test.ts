import { startRig } from './test-support.ts';
describe('dbg', function () {
  this.timeout(60000);
  it('x', async () => {
    const rig = await startRig(11);
    rig.append('/files/in.txt', ['foo', 'bar']);
    const worker = await rig.startWorker();
    await rig.cluster.run(
      worker.addConnector({
        name: 'src',
        'connector.class': 'FileStreamSource',
        file: '/files/in.txt',
        topic: 'lines',
      }),
    );
    await rig.cluster.run(
      worker.addConnector({
        name: 'out',
        'connector.class': 'FileStreamSink',
        file: '/files/out.txt',
        topics: 'lines',
      }),
    );
    await rig.cluster.sleep(5000);
    console.log(rig.lines('/files/out.txt'), rig.logger.lines, worker.connectorStatus('out'));
    console.log((await rig.readTopic('lines')).length);
    await rig.close();
  });
});
