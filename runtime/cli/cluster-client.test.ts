import assert from 'node:assert/strict';
import { Command } from 'commander';
import { addBootstrapAliases, withBootstrapServers } from './cluster-client.ts';

function program(seen: string[]): Command {
  const p = new Command('tributary').exitOverride();
  withBootstrapServers(p.command('topics-like')).action((opts: { bootstrapServers: string }) => {
    seen.push(opts.bootstrapServers);
  });
  p.command('run-like')
    .option('--bootstrap-servers <list>', 'brokers', '127.0.0.1:9092')
    .action((opts: { bootstrapServers: string }) => {
      seen.push(opts.bootstrapServers);
    });
  addBootstrapAliases(p);
  return p;
}

describe('--bootstrap, the alias of --bootstrap-servers', () => {
  it('sets bootstrapServers on commands built with withBootstrapServers and on others that have the option', async () => {
    const seen: string[] = [];
    await program(seen).parseAsync(['topics-like', '--bootstrap', 'a:1'], { from: 'user' });
    await program(seen).parseAsync(['run-like', '--bootstrap', 'b:2,c:3'], { from: 'user' });
    await program(seen).parseAsync(['run-like', '--bootstrap-servers', 'd:4'], { from: 'user' });
    await program(seen).parseAsync(['topics-like'], { from: 'user' });
    assert.deepEqual(seen, ['a:1', 'b:2,c:3', 'd:4', '127.0.0.1:9092']);
  });
});
