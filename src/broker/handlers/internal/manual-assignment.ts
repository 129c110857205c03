/**
 * Kafka's `validateManualPartitionAssignment` for one partition's replica list on a single
 * node: it must be non-empty, name only this broker, and name it once. Returns Kafka's message
 * (INVALID_REPLICA_ASSIGNMENT), or null when the list is valid.
 */
export function manualAssignmentError(brokerIds: readonly number[], nodeId: number): string | null {
  if (brokerIds.length === 0) return 'The manual partition assignment includes an empty replica list.'
  const sorted = [...brokerIds].sort((a, b) => a - b)
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!
    if (id !== nodeId) return `The manual partition assignment includes broker ${id}, but no such broker is registered.`
    if (i > 0 && sorted[i - 1] === id) return `The manual partition assignment includes the broker ${id} more than once.`
  }
  return null
}
