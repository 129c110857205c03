import { readFileSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Broker } from '../../src/broker/index.js'
import { API_DEFINITIONS, decodeResponseBody } from '../../src/broker/protocol/registry.js'
import { silentLogger } from '../../src/logging/index.js'

const DOC = resolve(import.meta.dirname, '..', '..', 'docs', 'reference', 'protocol-support.md')

interface DocRow {
  readonly key: number
  readonly name: string
  readonly min?: number
  readonly max?: number
  readonly flexible?: string
}

/** The table rows (`| key | name | ...`) of the `## <heading>` section of the doc. */
function sectionRows(heading: string): DocRow[] {
  const text = readFileSync(DOC, 'utf8')
  const start = text.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`no '## ${heading}' section in ${DOC}`)
  const next = text.indexOf('\n## ', start + 1)
  const section = text.slice(start, next < 0 ? undefined : next)
  const rows: DocRow[] = []
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    if (!/^\d+$/.test(cells[1] ?? '')) continue
    const versions = /^(\d+)[–-](\d+)$/.exec(cells[3] ?? '')
    rows.push({
      key: Number(cells[1]),
      name: cells[2] ?? '',
      ...(versions === null ? {} : { min: Number(versions[1]), max: Number(versions[2]), flexible: cells[4] ?? '' }),
    })
  }
  return rows
}

/** What the doc's Flexible column must say for an API definition. */
function flexibleCell(d: (typeof API_DEFINITIONS)[number]): string {
  return d.flexibleFrom <= d.maxVersion ? `v${d.flexibleFrom}+` : '—'
}

/** Sends ApiVersions v0 on a raw socket and returns the advertised (key, min, max) entries. */
async function advertised(port: number): Promise<{ apiKey: number; minVersion: number; maxVersion: number }[]> {
  const socket: Socket = connect({ host: '127.0.0.1', port })
  try {
    await new Promise<void>((ok, fail) => socket.once('connect', ok).once('error', fail))
    const clientId = Buffer.from('docs-test')
    const frame = Buffer.alloc(4 + 10 + clientId.length)
    frame.writeInt32BE(frame.length - 4, 0)
    frame.writeInt16BE(18, 4) // ApiVersions
    frame.writeInt16BE(0, 6) // v0
    frame.writeInt32BE(7, 8) // correlation id
    frame.writeInt16BE(clientId.length, 12)
    clientId.copy(frame, 14)
    socket.write(frame)
    const response = await new Promise<Buffer>((ok, fail) => {
      let got = Buffer.alloc(0)
      const timer = setTimeout(() => fail(new Error('no ApiVersions response within 10 s')), 10_000)
      socket.on('data', (d: Buffer) => {
        got = Buffer.concat([got, d])
        if (got.length >= 4 && got.length >= 4 + got.readInt32BE(0)) {
          clearTimeout(timer)
          ok(got.subarray(4, 4 + got.readInt32BE(0)))
        }
      })
      socket.once('error', fail)
    })
    expect(response.readInt32BE(0)).toBe(7)
    const body = decodeResponseBody(18, 0, response.subarray(4))
    expect(body.errorCode).toBe(0)
    return body.apiKeys.map((k) => ({ apiKey: k.apiKey, minVersion: k.minVersion, maxVersion: k.maxVersion }))
  } finally {
    socket.destroy()
  }
}

describe('docs/reference/protocol-support.md', () => {
  const supported = sectionRows('Supported APIs')
  const unsupported = sectionRows('Not supported')

  it('lists every API of the registry with its name, version range and flexible versions', () => {
    for (const d of API_DEFINITIONS) {
      const row = supported.find((r) => r.key === d.apiKey)
      expect(row, `API key ${d.apiKey} (${d.name}) is missing from the Supported APIs table`).toBeDefined()
      expect(row).toEqual({ key: d.apiKey, name: d.name, min: d.minVersion, max: d.maxVersion, flexible: flexibleCell(d) })
    }
  })

  it('lists no API the registry does not define, and none twice', () => {
    const keys = supported.map((r) => r.key)
    expect(new Set(keys).size).toBe(keys.length)
    expect([...keys].sort((a, b) => a - b)).toEqual(API_DEFINITIONS.map((d) => d.apiKey).sort((a, b) => a - b))
  })

  it('names as not supported only API keys the registry does not define', () => {
    expect(unsupported.length).toBeGreaterThan(0)
    const defined = new Set<number>(API_DEFINITIONS.map((d) => d.apiKey))
    const wronglyUnsupported = unsupported.filter((r) => defined.has(r.key))
    expect(wronglyUnsupported).toEqual([])
  })

  describe('against a running broker', () => {
    let broker: Broker

    beforeAll(async () => {
      broker = await Broker.start({ port: 0, host: '127.0.0.1', logger: silentLogger })
    })

    afterAll(async () => {
      await broker?.stop()
    })

    it('matches the ApiVersions response exactly, both ways', async () => {
      const entries = await advertised(broker.address.port)
      const fromBroker = entries.map((e) => `${e.apiKey}:${e.minVersion}-${e.maxVersion}`).sort()
      const fromDoc = supported.map((r) => `${r.key}:${r.min}-${r.max}`).sort()
      expect(fromBroker).toEqual(fromDoc)
    })
  })
})
