/**
 * Whether two keys are the same key (Java's `equals`): identical primitives, equal Buffers, or
 * structurally equal plain objects/arrays (compared by their JSON form).
 */
export function keysEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b)
  return JSON.stringify(a) === JSON.stringify(b)
}
