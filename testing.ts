/** The property-testing kit for users: `import { ... } from 'tributary/testing'`. */
export * from './core/io/index.ts';
