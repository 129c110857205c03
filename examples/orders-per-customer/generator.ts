/**
 * The demo's order generator: orders with random customers (a few customers order much more
 * than others), produced at a steady rate through a `send` function.
 */
import type { Order } from './topology.js'

/** The customers of the demo; earlier names order more often (Zipf-like weights 1, 1/2, 1/3, ...). */
export const CUSTOMERS: readonly string[] = [
  'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy',
  'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'yvonne',
]

/** A small seeded pseudo-random generator (mulberry32): the same seed gives the same orders. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Options of an `OrderGenerator`. */
export interface OrderGeneratorOptions {
  /** Orders per second. */
  readonly ratePerSec: number
  /** Sends a batch of orders; the generator waits for it before sending the next batch. */
  readonly send: (orders: readonly Order[]) => Promise<void>
  /** Customers to pick from (default `CUSTOMERS`). */
  readonly customers?: readonly string[]
  /** Random numbers in [0, 1) (default `Math.random`). */
  readonly random?: () => number
  /** How often the timer sends what is due (default 50 ms). */
  readonly tickMs?: number
  /** Called when a send fails; the generator then stops. */
  readonly onError?: (error: unknown) => void
}

/** Orders sent in one batch at most; a generator that fell behind catches up over several ticks. */
const MAX_BATCH = 5000

/**
 * Produces orders at `ratePerSec`: every tick it sends, as one batch, the orders due since the
 * start (so a slow send is made up for by a larger next batch, never by overlapping sends).
 */
export class OrderGenerator {
  private readonly customers: readonly string[]
  private readonly cumulativeWeights: number[]
  private readonly random: () => number
  private timer: NodeJS.Timeout | null = null
  private startedAt = 0
  private sending: Promise<void> | null = null
  private seq = 0
  private sentCount = 0

  constructor(private readonly options: OrderGeneratorOptions) {
    if (!(options.ratePerSec > 0)) throw new RangeError(`ratePerSec must be > 0 (got ${options.ratePerSec})`)
    this.customers = options.customers ?? CUSTOMERS
    if (this.customers.length === 0) throw new RangeError('customers must not be empty')
    this.random = options.random ?? Math.random
    let total = 0
    this.cumulativeWeights = this.customers.map((_, i) => (total += 1 / (i + 1)))
  }

  /** Orders acknowledged by `send` so far. */
  get sent(): number {
    return this.sentCount
  }

  /** The next order: id `o-<n>`, a weighted random customer, an amount from 5.00 to 250.00. */
  nextOrder(): Order {
    const total = this.cumulativeWeights[this.cumulativeWeights.length - 1]!
    const r = this.random() * total
    let i = 0
    while (i < this.cumulativeWeights.length - 1 && this.cumulativeWeights[i]! <= r) i++
    const amount = Math.round((5 + this.random() * 245) * 100) / 100
    return { id: `o-${++this.seq}`, customer: this.customers[i]!, amount }
  }

  /** How many orders are due at `nowMs` and not yet generated (at most one batch). */
  dueAt(nowMs: number): number {
    const due = Math.floor(((nowMs - this.startedAt) * this.options.ratePerSec) / 1000) - this.seq
    return Math.max(0, Math.min(due, MAX_BATCH))
  }

  /** Starts the timer. */
  start(nowMs: number = Date.now()): void {
    if (this.timer !== null) return
    this.startedAt = nowMs
    this.timer = setInterval(() => void this.tick(Date.now()), this.options.tickMs ?? 50)
  }

  /** Sends the orders due at `nowMs`, unless a send is still in flight. */
  tick(nowMs: number): Promise<void> {
    if (this.sending !== null) return this.sending
    const n = this.dueAt(nowMs)
    if (n === 0) return Promise.resolve()
    const batch: Order[] = new Array<Order>(n)
    for (let i = 0; i < n; i++) batch[i] = this.nextOrder()
    this.sending = this.options.send(batch).then(
      () => {
        this.sentCount += n
        this.sending = null
      },
      (err: unknown) => {
        this.sending = null
        this.stopTimer()
        this.options.onError?.(err)
      },
    )
    return this.sending
  }

  /** Stops the timer and waits for the send in flight. */
  async stop(): Promise<void> {
    this.stopTimer()
    await this.sending
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
  }
}
