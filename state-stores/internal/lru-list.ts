/**
 * An intrusive doubly linked list in least-recently-used order: O(1) append, remove, move to
 * the end and oldest. (A JS `Map` used as an LRU queue degrades: deleting from its front
 * leaves holes that every `keys().next()` walks again until the next rehash.)
 */

/** A node the list links through its own fields. */
export interface LruNode {
  lruPrev: LruNode | null
  lruNext: LruNode | null
}

export class LruList<N extends LruNode> {
  private head: N | null = null
  private tail: N | null = null

  /** The least recently used node, or null when empty. */
  oldest(): N | null {
    return this.head
  }

  /** Adds a node (not in the list) as the most recently used. */
  append(node: N): void {
    node.lruPrev = this.tail
    node.lruNext = null
    if (this.tail === null) this.head = node
    else this.tail.lruNext = node
    this.tail = node
  }

  /** Unlinks a node that is in the list. */
  remove(node: N): void {
    const prev = node.lruPrev
    const next = node.lruNext
    if (prev === null) this.head = next as N | null
    else prev.lruNext = next
    if (next === null) this.tail = prev as N | null
    else next.lruPrev = prev
    node.lruPrev = null
    node.lruNext = null
  }

  /** Marks a node in the list as the most recently used. */
  touch(node: N): void {
    if (this.tail === node) return
    this.remove(node)
    this.append(node)
  }

  clear(): void {
    this.head = null
    this.tail = null
  }
}
