/**
 * State management of tasks: the per-task `ProcessorStateManager` (store registration, changelog
 * restore in batches, flush and checkpointed persist) and the on-disk `StateDirectory` layout with locks.
 */
export { ProcessorStateManager } from './processor-state-manager.js'
export type { ChangelogSpec, StoreChangelog } from './processor-state-manager.js'
export { StateDirectory } from './state-directory.js'
