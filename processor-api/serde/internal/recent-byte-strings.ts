/**
 * @internal The last few (bytes, string) pairs converted anywhere in the process, for bytes that
 * are pure ASCII: for those the UTF-8 string, the latin1 string (the stores' key strings) and the
 * bytes are three views of one thing. A record's key is converted back and forth many times on its
 * way through a topology (decoded at the source, serialized for a store, turned into the store's
 * key string, decoded again when the cache flushes, serialized for the changelog and the sink);
 * with this memo each conversion after the first is a lookup.
 *
 * Pairs are registered by the String serde's decoder (candidates: the decoded string is as long as
 * its bytes, which means pure ASCII unless invalid bytes became U+FFFD) and by the stores' latin1
 * key conversion (exact, ASCII or not). A pair is checked for pure ASCII on its first use, not on
 * registration: most pairs are never looked up. Lookups by Buffer are by identity (buffers are
 * never mutated once produced: the serde contract); lookups by string are by value.
 */

const SLOTS = 8
/** Strings longer than this are not remembered: keys and small values only. */
export const MAX_REMEMBERED_LENGTH = 64
/** Bytes handed out again must live in a small backing buffer: a view into a large fetch buffer would keep it alive. */
const MAX_BACKING_BYTES = 16 * 1024

const UNCHECKED = 0
const ASCII = 1
const NOT_ASCII = 2
/** ASCII, and the bytes live in a small backing buffer: they may be handed out again. */
const SHAREABLE = 3

const strings: string[] = new Array<string>(SLOTS).fill('')
/** The strings' lengths: a cheap first test before comparing strings (most lookups miss). */
const lengths: number[] = new Array<number>(SLOTS).fill(0)
const bytes: Array<Buffer | null> = new Array<Buffer | null>(SLOTS).fill(null)
const states: number[] = new Array<number>(SLOTS).fill(NOT_ASCII)
let next = 0

/** Remembers that `str` is one character per byte of `buf` (true when `buf` is ASCII: checked on first use). */
export function rememberByteString(buf: Buffer, str: string): void {
  const slot = next
  strings[slot] = str
  lengths[slot] = str.length
  bytes[slot] = buf
  states[slot] = UNCHECKED
  next = (slot + 1) & (SLOTS - 1)
}

/** The slot's state, computed on first use: NOT_ASCII, ASCII or SHAREABLE. */
function stateOf(slot: number): number {
  let state = states[slot]!
  if (state === UNCHECKED) {
    state = !isAscii(strings[slot]!) ? NOT_ASCII : bytes[slot]!.buffer.byteLength <= MAX_BACKING_BYTES ? SHAREABLE : ASCII
    states[slot] = state
  }
  return state
}

/** The string of ASCII bytes `buf` if they were converted lately (both decodings agree), else undefined. */
export function recentStringOf(buf: Buffer): string | undefined {
  // Newest first: the conversion wanted is usually one of the last two.
  for (let j = 1; j <= SLOTS; j++) {
    const i = (next - j) & (SLOTS - 1)
    if (bytes[i] === buf) return stateOf(i) !== NOT_ASCII ? strings[i] : undefined
  }
  return undefined
}

/** Bytes of the ASCII string `str` if it was converted lately and the bytes may be shared, else null. */
export function recentBytesOf(str: string): Buffer | null {
  const n = str.length
  if (n === 0 || n > MAX_REMEMBERED_LENGTH) return null
  for (let j = 1; j <= SLOTS; j++) {
    const i = (next - j) & (SLOTS - 1)
    if (lengths[i] !== n || strings[i] !== str) continue
    if (stateOf(i) === SHAREABLE) return bytes[i]!
  }
  return null
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false
  return true
}
