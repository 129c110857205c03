/**
 * A faithful copy of `java.util.TreeSet` insertion (the red-black tree of `TreeMap.put`). Kafka's
 * description nodes keep predecessors/successors in TreeSets whose comparator reads a node's
 * *current* sub-tree size, which grows after insertion; the resulting order depends on the exact
 * tree shape, so a plain sort would not reproduce Kafka's text byte for byte.
 */
interface Entry<T> {
  key: T
  left: Entry<T> | null
  right: Entry<T> | null
  parent: Entry<T> | null
  black: boolean
}

/** `java.util.TreeSet` with insertion-time comparisons (see the file comment). */
export class JavaTreeSet<T> {
  private root: Entry<T> | null = null
  private count = 0

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.count
  }

  /** Adds `key` unless an element comparing equal is present. Returns true when added. */
  add(key: T): boolean {
    let t = this.root
    if (t === null) {
      this.root = { key, left: null, right: null, parent: null, black: true }
      this.count = 1
      return true
    }
    let parent: Entry<T>
    let cmp: number
    do {
      parent = t
      cmp = this.compare(key, t.key)
      if (cmp < 0) t = t.left
      else if (cmp > 0) t = t.right
      else return false
    } while (t !== null)
    const e: Entry<T> = { key, left: null, right: null, parent, black: false }
    if (cmp < 0) parent.left = e
    else parent.right = e
    this.fixAfterInsertion(e)
    this.count++
    return true
  }

  /** Elements in iteration (in-order) order. */
  toArray(): T[] {
    const out: T[] = []
    const walk = (e: Entry<T> | null): void => {
      if (e === null) return
      walk(e.left)
      out.push(e.key)
      walk(e.right)
    }
    walk(this.root)
    return out
  }

  private fixAfterInsertion(start: Entry<T>): void {
    let x: Entry<T> | null = start
    x.black = false
    while (x !== null && x !== this.root && x.parent !== null && !x.parent.black) {
      const p: Entry<T> = x.parent
      const g = p.parent
      if (p === leftOf(g)) {
        const y = rightOf(g)
        if (!colorBlack(y)) {
          setBlack(p, true)
          setBlack(y, true)
          setBlack(g, false)
          x = g
        } else {
          if (x === p.right) {
            x = p
            this.rotateLeft(x)
          }
          setBlack(parentOf(x), true)
          setBlack(parentOf(parentOf(x)), false)
          this.rotateRight(parentOf(parentOf(x)))
        }
      } else {
        const y = leftOf(g)
        if (!colorBlack(y)) {
          setBlack(p, true)
          setBlack(y, true)
          setBlack(g, false)
          x = g
        } else {
          if (x === p.left) {
            x = p
            this.rotateRight(x)
          }
          setBlack(parentOf(x), true)
          setBlack(parentOf(parentOf(x)), false)
          this.rotateLeft(parentOf(parentOf(x)))
        }
      }
    }
    this.root!.black = true
  }

  private rotateLeft(p: Entry<T> | null): void {
    if (p === null) return
    const r = p.right!
    p.right = r.left
    if (r.left !== null) r.left.parent = p
    r.parent = p.parent
    if (p.parent === null) this.root = r
    else if (p.parent.left === p) p.parent.left = r
    else p.parent.right = r
    r.left = p
    p.parent = r
  }

  private rotateRight(p: Entry<T> | null): void {
    if (p === null) return
    const l = p.left!
    p.left = l.right
    if (l.right !== null) l.right.parent = p
    l.parent = p.parent
    if (p.parent === null) this.root = l
    else if (p.parent.right === p) p.parent.right = l
    else p.parent.left = l
    l.right = p
    p.parent = l
  }
}

function parentOf<T>(e: Entry<T> | null): Entry<T> | null {
  return e === null ? null : e.parent
}
function leftOf<T>(e: Entry<T> | null): Entry<T> | null {
  return e === null ? null : e.left
}
function rightOf<T>(e: Entry<T> | null): Entry<T> | null {
  return e === null ? null : e.right
}
function colorBlack<T>(e: Entry<T> | null): boolean {
  return e === null ? true : e.black
}
function setBlack<T>(e: Entry<T> | null, black: boolean): void {
  if (e !== null) e.black = black
}
