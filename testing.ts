/**
 * The testing kit for users: `import { ... } from 'tributary/testing'` — the TopologyTestDriver, the
 * fast-check property kit for topologies, and the simulated I/O ports (clock, file system, network,
 * random) that make runs deterministic.
 */
export * from './dsl/testing/index.ts';
export * from './core/io/index.ts';
export { SimulatedReplicationCluster } from './actors/broker/partition/testing.ts';
