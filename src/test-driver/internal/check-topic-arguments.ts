/**
 * Kafka's test topics refuse a null driver or topic name (NullPointerException); here a
 * `TypeError` says which argument is missing.
 */
export function checkTopicArguments(driver: unknown, topic: unknown): void {
  if (driver === null || driver === undefined) throw new TypeError('testDriver cannot be null')
  if (typeof topic !== 'string' || topic.length === 0) throw new TypeError(`topicName must be a non-empty string, got ${String(topic)}`)
}
