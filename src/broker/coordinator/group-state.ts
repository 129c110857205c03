/**
 * The classic group state machine (Kafka's `GroupState`): Empty -> PreparingRebalance ->
 * CompletingRebalance -> Stable, and Dead once a group is deleted or unloaded.
 */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead'

const validPreviousStates: Readonly<Record<GroupState, readonly GroupState[]>> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
}

/** Whether a group may move from `from` to `to`. */
export function isValidTransition(from: GroupState, to: GroupState): boolean {
  return validPreviousStates[to].includes(from)
}
