/**
 * A fixed-size "max sketch": for each hash slot of keys, an upper bound of the largest
 * timestamp stored for any key hashing there. A query for one key from time T can skip the
 * store when the key's slot is below T: no window/session of that key can be in range. This
 * spares LevelDB range iterators (asynchronous, the expensive part of a per-record
 * `findSessions` or join `fetch`) for keys with no recent data. False positives only cost
 * the iteration.
 */

const SLOTS = 1 << 16

export class TimeSketch {
  private readonly slots = new Float64Array(SLOTS).fill(-1)

  /** Forgets everything: `bound` is an upper bound of every timestamp already stored (-1 when empty). */
  reset(bound: number): void {
    this.slots.fill(bound)
  }

  /** Records that `key` has data at `ts`. */
  note(key: Buffer, ts: number): void {
    const i = slotOf(key)
    if (ts > this.slots[i]!) this.slots[i] = ts
  }

  /** False when `key` certainly has no data at or after `from`. */
  mayHaveFrom(key: Buffer, from: number): boolean {
    return this.slots[slotOf(key)]! >= from
  }
}

/** FNV-1a over the key bytes, folded to a slot. */
function slotOf(key: Buffer): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key[i]!
    h = Math.imul(h, 0x01000193)
  }
  return (h ^ (h >>> 16)) & (SLOTS - 1)
}
