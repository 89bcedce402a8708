export {
  replicaMachine,
  type LeaderCheck,
  type ReplicaContext,
  type ReplicaEffect,
  type ReplicaEvent,
  type ReplicaInput,
  type ReplicaRole,
} from './replica.machine.ts';
export {
  brokerLifecycleMachine,
  brokerRegistrationRetryMsDefault,
  type BrokerLifecycleContext,
  type BrokerLifecycleEffect,
  type BrokerLifecycleEvent,
  type BrokerLifecycleInput,
  type BrokerState,
} from './broker-lifecycle.machine.ts';
