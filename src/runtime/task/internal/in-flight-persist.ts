/**
 * The persist a task's commit started and did not wait for: tracked until it settles, its
 * failure kept and reported once, to whoever waits next.
 */
export class InFlightPersist {
  private current: Promise<void> | null = null
  private failure: { error: unknown } | null = null

  /** Tracks `persist` (the one before it must have settled: see `settled`). */
  track(persist: Promise<void>): void {
    this.current = persist
    persist.then(
      () => {
        if (this.current === persist) this.current = null
      },
      (error: unknown) => {
        if (this.current === persist) this.current = null
        this.failure ??= { error }
      },
    )
  }

  /** Resolves when nothing is in flight; throws (once) the error of a persist that failed. */
  async settled(): Promise<void> {
    if (this.current !== null) await this.current.catch(() => undefined)
    const failure = this.failure
    if (failure !== null) {
      this.failure = null
      throw failure.error
    }
  }
}
