/**
 * The most partitions one topic may have on the bundled broker. Kafka sets no such limit, but a
 * single process holding millions of partition logs (a typo, or a corrupted request) would stall
 * for minutes; such requests get INVALID_PARTITIONS instead.
 */
export const MAX_PARTITIONS_PER_TOPIC = 10_000
