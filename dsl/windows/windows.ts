import type { Window } from '../../processor-api/windowed.js'

/**
 * Fixed-size windows a record falls into (Kafka's `Windows`): implemented by {@link TimeWindows}.
 * Times are ms.
 */
export interface Windows {
  /** The windows containing `timestamp`, keyed by window start, in start order. */
  windowsFor(timestamp: number): Map<number, Window>
  /** The window size (ms). */
  size(): number
  /** How long after a window ends late records are still accepted (ms). */
  gracePeriodMs(): number
}
