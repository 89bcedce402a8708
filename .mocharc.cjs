// mocha runs TypeScript through tsx. MOCHA_SPEC (comma-separated globs) narrows the run, e.g.
// MOCHA_SPEC='core/log/**/*.test.ts' npx mocha
const defaults = ['{core,dsl,actors,runtime}/**/*.test.ts', 'property-tests/**/*.property.ts'];
module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  spec: process.env.MOCHA_SPEC ? process.env.MOCHA_SPEC.split(',') : defaults,
  require: ['property-tests/support/fc-setup.ts'],
  timeout: 60000,
  reporter: 'spec',
};
