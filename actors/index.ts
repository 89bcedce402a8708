// The public surface of actors/: the supervised actor runtime and the pure lifecycle machines.
// Other folders import actors only through this file.
export * from './system/index.ts';
export * from './machines/index.ts';
