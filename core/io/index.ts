export {
  FileSystemError,
  baseName,
  dirName,
  joinPath,
  writeFileAtomic,
  type FileHandle,
  type FileSystem,
  type FileSystemErrorCode,
  type OpenMode,
} from './file-system.ts';
export { NodeFileSystem } from './node-file-system.ts';
export {
  SimulatedFileSystem,
  type CrashOptions,
  type FaultRule,
  type FsOp,
  type FsStats,
} from './simulated-file-system.ts';
export { SystemClock, type Clock, type Timer } from './clock.ts';
export { SimulatedClock, settle } from './simulated-clock.ts';
export { SeededRandom, SystemRandom, type Random } from './random.ts';
export { timedOut, unreachable, type RequestHandler, type Transport } from './transport.ts';
export { InProcessTransport } from './in-process-transport.ts';
export { SimulatedTransport, type SimulatedNetworkOptions } from './simulated-transport.ts';
