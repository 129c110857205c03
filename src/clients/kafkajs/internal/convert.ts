import type { IHeaders, KafkaMessage } from 'kafkajs'
import { Headers } from '../../../../processor-api/headers.js'
import type { RawRecord } from '../../../runtime/ports.js'

/**
 * kafkajs decodes headers into an object (a repeated key becomes an array). Converts it to
 * `Headers`, or null when there are none (most records: no allocation).
 */
export function headersFromKafkaJs(headers: IHeaders | undefined): Headers | null {
  if (headers === undefined) return null
  let out: Headers | null = null
  for (const key in headers) {
    const value = headers[key]
    if (value === undefined) continue
    if (out === null) out = new Headers()
    if (Array.isArray(value)) for (const v of value) out.add(key, v ?? null)
    else out.add(key, value ?? null)
  }
  return out
}

/** Converts `Headers` to kafkajs's header object (repeated keys as arrays), or undefined when empty. */
export function headersToKafkaJs(headers: Headers | null): IHeaders | undefined {
  if (headers === null || headers.size === 0) return undefined
  const out: { [key: string]: Buffer | string | (Buffer | string)[] } = {}
  for (const h of headers) {
    // kafkajs encodes a null value as a null header value (length -1).
    const value = h.value as Buffer
    const existing = out[h.key]
    if (existing === undefined) out[h.key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else out[h.key] = [existing, value]
  }
  return out
}

/** Converts kafkajs messages (string offsets and timestamps) to raw records (numbers): the one conversion boundary. */
export function rawRecordsOf(messages: readonly KafkaMessage[]): RawRecord[] {
  const out = new Array<RawRecord>(messages.length)
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!
    out[i] = {
      key: m.key ?? null,
      value: m.value ?? null,
      timestamp: Number(m.timestamp),
      offset: Number(m.offset),
      headers: headersFromKafkaJs(m.headers),
    }
  }
  return out
}

/** A kafkajs offset string to a number; -1 for absent or unparsable values. */
export function offsetOf(value: string | number | null | undefined): number {
  if (value === null || value === undefined || value === '') return -1
  const n = Number(value)
  return Number.isFinite(n) ? n : -1
}
