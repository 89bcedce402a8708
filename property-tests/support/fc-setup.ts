// Root setup for mocha: fast-check run counts come from the environment so CI stays fast
// (FC_NUM_RUNS, default 30) while a developer can soak the same properties with FC_NUM_RUNS=10000.
// FC_SEED replays a failing run (fast-check prints the seed and path on failure).
import fc from 'fast-check';

const numRunsDefault = 30;
const numRuns = Number(process.env['FC_NUM_RUNS'] ?? numRunsDefault);
const seedEnv = process.env['FC_SEED'];

fc.configureGlobal({
  numRuns: Number.isFinite(numRuns) && numRuns > 0 ? numRuns : numRunsDefault,
  ...(seedEnv !== undefined ? { seed: Number(seedEnv) } : {}),
  ...(process.env['FC_PATH'] !== undefined ? { path: process.env['FC_PATH'] } : {}),
});
