export { ActorRef, type ReplyTo } from './actor-ref.ts';
export {
  drainThroughputMax,
  mailboxLengthMax,
  type ActorContext,
  type Behavior,
  type BehaviorFactory,
  type Shutdown,
} from './actor-cell.ts';
export { ask, type AskOptions } from './ask.ts';
export { watch } from './death-watch.ts';
export { describeExit, isAbnormal, type Down, type DownReason, type ExitReason } from './exit-reason.ts';
export {
  ActorNameTakenError,
  ActorUnavailableError,
  AskTimeoutError,
  MailboxOverflowError,
  RestartIntensityExceededError,
} from './errors.ts';
export {
  supervisorIntensityDefault,
  supervisorPeriodMsDefault,
  workerShutdownMsDefault,
  type AnyChildSpec,
  type Backoff,
  type ChildSpec,
  type RestartType,
  type Strategy,
  type SupervisorFlags,
} from './child-spec.ts';
export {
  Supervisor,
  supervisorBehavior,
  supervisorCallTimeoutMs,
  supervisorSpec,
  type ChildInfo,
  type SupervisorMsg,
  type SupervisorSpecOptions,
} from './supervisor.ts';
export { silentLogger, type ActorLogger, type ActorSystemStats } from './registry.ts';
export { ActorSystem, rootSupervisorFlagsDefault, type ActorSystemOptions } from './actor-system.ts';
export {
  MachineHost,
  machineBehavior,
  type MachineBehaviorOptions,
  type MachineHostOptions,
} from './xstate-host.ts';
export { rejectUnaccepted, type RequestEvent } from './reject-unaccepted.ts';
