/**
 * The iteration order of a `java.util.HashSet<String>`/`HashMap<String, ?>`, which Kafka's
 * `TopologyDescription` text depends on (topic and store lists, and the order in which
 * `describe()` links nodes). A Java hash table iterates bucket by bucket (bucket = spread hash
 * masked by the capacity) and, inside a bucket, in insertion order; resizing keeps that relative
 * order. So the order is a stable sort of the insertion order by bucket index.
 */

/** Java's `String.hashCode()` (over UTF-16 code units, 32-bit wrap-around). */
export function javaStringHash(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0
  return h
}

/** The capacity of a Java hash table after `size` single insertions from the default (16, load 0.75). */
export function growingCapacity(size: number): number {
  let capacity = 16
  while (size > capacity * 0.75) capacity *= 2
  return capacity
}

/** The capacity of `new HashSet<>(collection)` for a collection of `size` elements (JDK 8-17 rule). */
export function copiedCapacity(size: number): number {
  const wanted = Math.max(Math.floor(size / 0.75) + 1, 16)
  let capacity = 1
  while (capacity < wanted) capacity *= 2
  return capacity
}

/** `items` (distinct, in insertion order) in the order a Java hash table of `capacity` iterates them. */
export function javaHashOrder(items: readonly string[], capacity: number): string[] {
  const mask = capacity - 1
  const keyed = items.map((item, index) => {
    const h = javaStringHash(item)
    return { item, index, bucket: (h ^ (h >>> 16)) & mask }
  })
  keyed.sort((a, b) => a.bucket - b.bucket || a.index - b.index)
  return keyed.map((k) => k.item)
}

/** Java's `AbstractCollection.toString()` of a `HashSet` copied from `items`: `[a, b]`. */
export function javaHashSetString(items: readonly string[]): string {
  return `[${javaHashOrder(items, copiedCapacity(items.length)).join(', ')}]`
}
