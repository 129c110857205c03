import { describe, expect, it } from 'vitest'
import { formatBytes, parseBytes, RECORD_FORMATS } from '../../../../src/cli/commands/internal/record-format.js'
import { CliInputError } from '../../../../src/cli/commands/internal/input-error.js'
import { Serdes } from '../../../../processor-api/index.js'

describe('record formats', () => {
  it('round-trips a value through every format', () => {
    const samples: Record<(typeof RECORD_FORMATS)[number], string> = {
      string: 'héllo',
      long: '-9223372036854775808',
      int: '2147483647',
      double: '3.25',
      hex: '00ff10',
      base64: 'AP8Q',
    }
    for (const f of RECORD_FORMATS) expect(formatBytes(parseBytes(samples[f], f, '--value-format'), f)).toBe(samples[f])
  })

  it("matches the built-in serdes' encodings", () => {
    expect(parseBytes('42', 'long', 'x')).toEqual(Serdes.Long().serializer.serialize('t', 42))
    expect(parseBytes('42', 'int', 'x')).toEqual(Serdes.Integer().serializer.serialize('t', 42))
    expect(parseBytes('1.5', 'double', 'x')).toEqual(Serdes.Double().serializer.serialize('t', 1.5))
    expect(formatBytes(Serdes.Long().serializer.serialize('t', 7), 'long')).toBe('7')
  })

  it('prints null as null and wrong-sized numbers as hex', () => {
    expect(formatBytes(null, 'long')).toBe('null')
    expect(formatBytes(Buffer.from([1, 2]), 'long')).toBe('<2 bytes: 0102>')
  })

  it('rejects text that is not a value of the format, naming the flag', () => {
    expect(() => parseBytes('12x', 'long', '--value-format')).toThrow(new CliInputError('--value-format long: cannot encode "12x"'))
    expect(() => parseBytes('9223372036854775808', 'long', '--key-format')).toThrow(CliInputError)
    expect(() => parseBytes('2147483648', 'int', '--key-format')).toThrow(CliInputError)
    expect(() => parseBytes('abc', 'hex', '--key-format')).toThrow(CliInputError)
    expect(() => parseBytes('', 'double', '--key-format')).toThrow(CliInputError)
  })
})
