/** A value, or a Promise of it when the work had to wait (the engine's sync fast path / async path). */
export type MaybePromise<T> = T | Promise<T>

/** True for Promises and other thenables. Cheap enough for the per-record path. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== undefined &&
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

/**
 * Runs a generator of steps synchronously for as long as no step yields a Promise; from the first
 * Promise on, continues asynchronously (awaiting each yielded Promise). Lets a multi-step
 * procedure be written once and still complete synchronously when nothing had to wait.
 * Yield any value; the generator receives the awaited result back.
 */
export function runSteps<T>(steps: Generator<unknown, T, unknown>): MaybePromise<T> {
  let step = steps.next()
  while (!step.done) {
    const value = step.value
    if (isPromiseLike(value)) return continueAsync(steps, value)
    step = steps.next(value)
  }
  return step.value
}

async function continueAsync<T>(steps: Generator<unknown, T, unknown>, first: PromiseLike<unknown>): Promise<T> {
  let pending: PromiseLike<unknown> = first
  for (;;) {
    let resolved: unknown
    let failed = false
    let error: unknown
    try {
      resolved = await pending
    } catch (err) {
      failed = true
      error = err
    }
    let step = failed ? steps.throw(error) : steps.next(resolved)
    while (!step.done && !isPromiseLike(step.value)) step = steps.next(step.value)
    if (step.done) return step.value
    pending = step.value as PromiseLike<unknown>
  }
}

/** Calls `fn` after `value` is available: synchronously when it is not a Promise. */
export function andThen<T, R>(value: MaybePromise<T>, fn: (v: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromiseLike(value) ? (value as Promise<T>).then(fn) : fn(value as T)
}
