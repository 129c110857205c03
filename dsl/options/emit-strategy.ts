/**
 * When a windowed aggregation emits (Kafka's `EmitStrategy`): on every update (default), or
 * once per window after it closes (window end + grace).
 *
 * @example
 * grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(60_000)).emitStrategy(EmitStrategy.onWindowClose()).count()
 */
export class EmitStrategy {
  readonly type: 'ON_WINDOW_UPDATE' | 'ON_WINDOW_CLOSE'

  private constructor(type: 'ON_WINDOW_UPDATE' | 'ON_WINDOW_CLOSE') {
    this.type = type
  }

  /** Emit the final result of each window once, when it closes. */
  static onWindowClose(): EmitStrategy {
    return new EmitStrategy('ON_WINDOW_CLOSE')
  }

  /** Emit every update of a window (Kafka's default). */
  static onWindowUpdate(): EmitStrategy {
    return new EmitStrategy('ON_WINDOW_UPDATE')
  }
}
