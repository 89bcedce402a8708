/**
 * Tributary's public API: what users import from 'tributary'.
 * Each part exports its surface through its folder's index.ts; this file re-exports them.
 */
export * from './core/errors/index.ts';
export * from './core/io/index.ts';
