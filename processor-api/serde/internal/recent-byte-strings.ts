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

const strings: string[] = new Array<string>(SLOTS).fill('')
const bytes: Array<Buffer | null> = new Array<Buffer | null>(SLOTS).fill(null)
const states: number[] = new Array<number>(SLOTS).fill(NOT_ASCII)
let next = 0

/** Remembers that `str` is one character per byte of `buf` (true when `buf` is ASCII: checked on first use). */
export function rememberByteString(buf: Buffer, str: string): void {
  const slot = next
  strings[slot] = str
  bytes[slot] = buf
  states[slot] = UNCHECKED
  next = (slot + 1) & (SLOTS - 1)
}

function usable(slot: number): boolean {
  let state = states[slot]!
  if (state === UNCHECKED) {
    state = isAscii(strings[slot]!) ? ASCII : NOT_ASCII
    states[slot] = state
  }
  return state === ASCII
}

/** The string of ASCII bytes `buf` if they were converted lately (both decodings agree), else undefined. */
export function recentStringOf(buf: Buffer): string | undefined {
  // Newest first: the conversion wanted is usually one of the last two.
  for (let j = 1; j <= SLOTS; j++) {
    const i = (next - j) & (SLOTS - 1)
    if (bytes[i] === buf) return usable(i) ? strings[i] : undefined
  }
  return undefined
}

/** Bytes of the ASCII string `str` if it was converted lately and the bytes may be shared, else null. */
export function recentBytesOf(str: string): Buffer | null {
  if (str.length === 0 || str.length > MAX_REMEMBERED_LENGTH) return null
  for (let j = 1; j <= SLOTS; j++) {
    const i = (next - j) & (SLOTS - 1)
    if (strings[i] !== str) continue
    const buf = bytes[i]!
    if (usable(i) && buf.buffer.byteLength <= MAX_BACKING_BYTES) return buf
  }
  return null
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false
  return true
}
