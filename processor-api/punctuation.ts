/** What drives a punctuator: stream time (record timestamps) or the wall clock. */
export enum PunctuationType {
  STREAM_TIME = 'STREAM_TIME',
  WALL_CLOCK_TIME = 'WALL_CLOCK_TIME',
}

/** Called by `context.schedule` with the time (ms) at which it fires. */
export type Punctuator = (timestamp: number) => void | Promise<void>

/** Returned by `context.schedule`; `cancel()` stops further calls. */
export interface Cancellable {
  cancel(): void
}
