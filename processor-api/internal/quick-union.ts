/**
 * Union-find over node names (Kafka's `QuickUnion`): nodes joined by a parent link or a shared
 * store end up with the same root, and so in the same sub-topology.
 */
export class QuickUnion {
  private readonly parents = new Map<string, string>()

  /** Registers `id` as its own group. */
  add(id: string): void {
    this.parents.set(id, id)
  }

  /** True when `id` was added. */
  has(id: string): boolean {
    return this.parents.has(id)
  }

  /** The representative of `id`'s group (path-halving as it goes). */
  root(id: string): string {
    let current = this.parents.get(id)
    if (current === undefined) throw new RangeError(`Unknown id: ${id}`)
    let node = id
    while (current !== node) {
      const grand = this.parents.get(current)!
      this.parents.set(node, grand)
      node = grand
      current = this.parents.get(node)!
    }
    return node
  }

  /** Joins `id` with every id in `others`. */
  unite(id: string, others: readonly string[]): void {
    for (const other of others) {
      const a = this.root(id)
      const b = this.root(other)
      if (a !== b) this.parents.set(a, b)
    }
  }

  /**
   * The groups of `ids` (each an added id), numbered in the order of their first id; each group
   * lists its ids in the given order.
   */
  groups(ids: Iterable<string>): Map<number, string[]> {
    const groups = new Map<number, string[]>()
    const byRoot = new Map<string, string[]>()
    for (const id of ids) {
      const root = this.root(id)
      let group = byRoot.get(root)
      if (group === undefined) {
        group = []
        byRoot.set(root, group)
        groups.set(groups.size, group)
      }
      group.push(id)
    }
    return groups
  }
}
