/**
 * The librdkafka settings the kcat benchmarks use, chosen as a typical high-throughput client
 * would set them (all other settings are librdkafka 2.0.2 defaults).
 */

/**
 * Producer: acks=1; wait up to 100 ms to fill batches of up to 10,000 messages / 1 MB (librdkafka
 * defaults: linger 5 ms, 10,000 messages, 1 MB); a local queue large enough for 1M records so kcat
 * never blocks on it; no compression (the default).
 */
export const KCAT_PRODUCER_SETTINGS: readonly string[] = [
  '-X', 'acks=1',
  '-X', 'linger.ms=100',
  '-X', 'batch.num.messages=10000',
  '-X', 'batch.size=1000000',
  '-X', 'queue.buffering.max.messages=2000000',
  '-X', 'queue.buffering.max.kbytes=2097152',
]

/**
 * Consumer: librdkafka defaults except larger fetches (the high-throughput advice): 10 MB per
 * partition and 50 MB per request (defaults 1 MB / 50 MB).
 */
export const KCAT_CONSUMER_SETTINGS: readonly string[] = [
  '-X', 'fetch.max.bytes=52428800',
  '-X', 'max.partition.fetch.bytes=10485760',
]

/** The settings as `key=value` text for the report. */
export function describeSettings(settings: readonly string[]): string {
  return settings.filter((s) => s !== '-X').join(' ')
}
