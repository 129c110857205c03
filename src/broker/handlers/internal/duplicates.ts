/** The values that occur more than once in `values`. */
export function duplicates(values: readonly string[]): Set<string> {
  const seen = new Set<string>()
  const dup = new Set<string>()
  for (const v of values) {
    if (seen.has(v)) dup.add(v)
    else seen.add(v)
  }
  return dup
}
