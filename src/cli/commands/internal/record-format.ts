import { CliInputError } from './input-error.js'

import { CLI_RECORD_FORMATS } from '../../../config/cli-flags.js'

/** How `produce` encodes and `consume` prints keys and values (the `--key-format`/`--value-format` choices). */
export const RECORD_FORMATS = CLI_RECORD_FORMATS

/** One of `RECORD_FORMATS`: `string` is UTF-8; `long`/`int`/`double` are Kafka's big-endian numeric serdes. */
export type RecordFormat = (typeof RECORD_FORMATS)[number]

/** Prints a key or value in `format`; a null key or value prints as `null`. */
export function formatBytes(bytes: Buffer | null, format: RecordFormat): string {
  if (bytes === null) return 'null'
  switch (format) {
    case 'string':
      return bytes.toString('utf8')
    case 'hex':
      return bytes.toString('hex')
    case 'base64':
      return bytes.toString('base64')
    case 'long':
      return bytes.length === 8 ? bytes.readBigInt64BE(0).toString() : `<${bytes.length} bytes: ${bytes.toString('hex')}>`
    case 'int':
      return bytes.length === 4 ? String(bytes.readInt32BE(0)) : `<${bytes.length} bytes: ${bytes.toString('hex')}>`
    case 'double':
      return bytes.length === 8 ? String(bytes.readDoubleBE(0)) : `<${bytes.length} bytes: ${bytes.toString('hex')}>`
  }
}

/**
 * Encodes text typed by the user in `format` (`flag` names the flag in errors).
 * @throws CliInputError when the text is not a value of the format.
 */
export function parseBytes(text: string, format: RecordFormat, flag: string): Buffer {
  const bad = (): CliInputError => new CliInputError(`${flag} ${format}: cannot encode "${text}"`)
  switch (format) {
    case 'string':
      return Buffer.from(text, 'utf8')
    case 'hex':
      if (!/^([0-9a-fA-F]{2})*$/.test(text)) throw bad()
      return Buffer.from(text, 'hex')
    case 'base64':
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw bad()
      return Buffer.from(text, 'base64')
    case 'long': {
      if (!/^-?[0-9]+$/.test(text)) throw bad()
      const n = BigInt(text)
      if (n < -(2n ** 63n) || n >= 2n ** 63n) throw bad()
      const b = Buffer.alloc(8)
      b.writeBigInt64BE(n)
      return b
    }
    case 'int': {
      const n = /^-?[0-9]+$/.test(text) ? Number(text) : Number.NaN
      if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) throw bad()
      const b = Buffer.alloc(4)
      b.writeInt32BE(n)
      return b
    }
    case 'double': {
      const n = text.trim() === '' ? Number.NaN : Number(text)
      if (Number.isNaN(n) && text !== 'NaN') throw bad()
      const b = Buffer.alloc(8)
      b.writeDoubleBE(n)
      return b
    }
  }
}
