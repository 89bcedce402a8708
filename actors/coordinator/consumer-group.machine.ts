import { assign, emit, setup } from 'xstate';

/**
 * Lifecycle of one classic consumer group (pure: no I/O, no timers; effects are emitted). The timing-critical
 * join/sync bookkeeping (who has rejoined, the rebalance and session deadlines on the Clock) is plain code in
 * the GroupCoordinator, which sends this machine only lifecycle transitions, so every state change of a group
 * goes through one auditable table, Kafka's GroupState transitions:
 *
 *   Empty               --PREPARE_REBALANCE--> PreparingRebalance   (first join)
 *   Stable              --PREPARE_REBALANCE--> PreparingRebalance   (join, leave, session expiry)
 *   CompletingRebalance --PREPARE_REBALANCE--> PreparingRebalance   (membership changed before the leader synced)
 *   PreparingRebalance  --JOIN_COMPLETED(n>0)--> CompletingRebalance (generation bumped, leader chosen)
 *   PreparingRebalance  --JOIN_COMPLETED(n=0)--> Empty              (nobody rejoined before the rebalance timeout)
 *   CompletingRebalance --SYNC_COMPLETED(gen)--> Stable             (leader's assignment persisted)
 *   Empty               --RESTORED(n>0)-->       Stable             (rebuilt from __consumer_offsets)
 *   Empty               --DELETE-->              Dead               (DeleteGroups, or offsets expired)
 *   any                 --UNLOAD-->              Dead               (this broker stopped leading the partition)
 *
 * The rebalance deadline, the initial rebalance delay and member session timeouts are Clock timers in the
 * coordinator that end in JOIN_COMPLETED / PREPARE_REBALANCE here (the brief's "events the cell sends from
 * Clock timers"), because their length changes with every join and a fixed `after` cannot express that.
 */

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export type GroupLifecycleEvent =
  | { readonly type: 'PREPARE_REBALANCE' }
  | { readonly type: 'JOIN_COMPLETED'; readonly generationId: number; readonly memberCount: number }
  | { readonly type: 'SYNC_COMPLETED'; readonly generationId: number }
  | { readonly type: 'RESTORED'; readonly generationId: number; readonly memberCount: number }
  | { readonly type: 'DELETE' }
  | { readonly type: 'UNLOAD' };

export type GroupLifecycleEffect = {
  readonly type: 'STATE_CHANGED';
  readonly state: GroupState;
  readonly generationId: number;
};

export interface GroupLifecycleInput {
  readonly groupId: string;
}

export interface GroupLifecycleContext {
  readonly groupId: string;
  /** The generation of the last completed join; 0 before the first. */
  readonly generationId: number;
}

function generationOf(event: GroupLifecycleEvent, fallback: number): number {
  return 'generationId' in event ? event.generationId : fallback;
}

export const consumerGroupMachine = setup({
  types: {
    context: {} as GroupLifecycleContext,
    events: {} as GroupLifecycleEvent,
    emitted: {} as GroupLifecycleEffect,
    input: {} as GroupLifecycleInput,
  },
  guards: {
    hasMembers: ({ event }) => 'memberCount' in event && event.memberCount > 0,
    currentGeneration: ({ context, event }) => generationOf(event, -1) === context.generationId,
  },
  actions: {
    recordGeneration: assign(({ context, event }) => ({
      generationId: generationOf(event, context.generationId),
    })),
    stateChanged: emit(({ context }, params: { state: GroupState }) => ({
      type: 'STATE_CHANGED' as const,
      state: params.state,
      generationId: context.generationId,
    })),
  },
}).createMachine({
  id: 'consumerGroup',
  initial: 'Empty',
  context: ({ input }) => ({ groupId: input.groupId, generationId: 0 }),
  on: { UNLOAD: '.Dead' },
  states: {
    Empty: {
      entry: { type: 'stateChanged', params: { state: 'Empty' } },
      on: {
        PREPARE_REBALANCE: 'PreparingRebalance',
        RESTORED: [
          { guard: 'hasMembers', target: 'Stable', actions: 'recordGeneration' },
          { actions: 'recordGeneration' },
        ],
        DELETE: 'Dead',
      },
    },
    PreparingRebalance: {
      entry: { type: 'stateChanged', params: { state: 'PreparingRebalance' } },
      on: {
        JOIN_COMPLETED: [
          { guard: 'hasMembers', target: 'CompletingRebalance', actions: 'recordGeneration' },
          { target: 'Empty', actions: 'recordGeneration' },
        ],
      },
    },
    CompletingRebalance: {
      entry: { type: 'stateChanged', params: { state: 'CompletingRebalance' } },
      on: {
        PREPARE_REBALANCE: 'PreparingRebalance',
        SYNC_COMPLETED: { guard: 'currentGeneration', target: 'Stable' },
      },
    },
    Stable: {
      entry: { type: 'stateChanged', params: { state: 'Stable' } },
      on: { PREPARE_REBALANCE: 'PreparingRebalance' },
    },
    Dead: {
      type: 'final',
      entry: { type: 'stateChanged', params: { state: 'Dead' } },
    },
  },
});
