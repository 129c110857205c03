/**
 * Kafka's time-segment and retention rules for window and session data, in one place for the
 * engines (which drop expired segments) and the caching layers (which must not cache or return
 * what the engine below would skip). The observed stream time is the largest segment timestamp
 * seen (window start or session end).
 */

/** The segment holding timestamp `ts`. */
export function segmentIdOf(ts: number, segmentIntervalMs: number): number {
  return Math.floor(ts / segmentIntervalMs)
}

/** True when data at `ts` has expired (Kafka: `ts <= observedStreamTime - retention`). */
export function isExpiredAt(ts: number, observedStreamTimeMs: number, retentionPeriodMs: number): boolean {
  return ts <= observedStreamTimeMs - retentionPeriodMs
}

/** The earliest live timestamp not before `from` (Kafka's `getActualFrom`). */
export function earliestLiveFrom(from: number, observedStreamTimeMs: number, retentionPeriodMs: number): number {
  return Math.max(from, observedStreamTimeMs - retentionPeriodMs + 1)
}
