import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OFFSET_LOG_FILE, openOffsetLog } from '../../../src/broker/coordinator/internal/offset-log.js'
import type { FramedAppendLog, FramedLogLoad } from '../../../src/broker/internal/framed-append-log.js'
import { openTransactionLog, TRANSACTION_LOG_FILE } from '../../../src/broker/transaction/internal/transaction-log.js'
import { silentLogger } from '../../../src/logging/index.js'
import { tempDir } from '../../helpers/temp-dir.js'

const PAYLOADS = ['', 'a', 'hello, offsets', '{"k":"txn","m":{}}'].map((s) => Buffer.from(s))

/** Files written by the offsets and transaction logs before they shared one implementation (commit 7c3c08f). */
const FORMATS: { name: string; file: string; open: (dir: string) => { log: FramedAppendLog; load: FramedLogLoad }; hex: string }[] = [
  {
    name: 'offsets log (CRC-32)',
    file: OFFSET_LOG_FILE,
    open: (dir) => openOffsetLog(dir, silentLogger),
    hex: '000000000000000000000001e8b7be43610000000eb7c2209468656c6c6f2c206f66667365747300000012ca22fe2b7b226b223a2274786e222c226d223a7b7d7d',
  },
  {
    name: 'transaction log (CRC-32C)',
    file: TRANSACTION_LOG_FILE,
    open: (dir) => openTransactionLog(dir, silentLogger),
    hex: '000000000000000000000001c1d04330610000000e4e5186d368656c6c6f2c206f666673657473000000120c76a6bf7b226b223a2274786e222c226d223a7b7d7d',
  },
]

describe.each(FORMATS)('$name on-disk format', ({ file, open, hex }) => {
  let dir: { path: string; cleanup: () => Promise<void> }
  beforeEach(async () => {
    dir = await tempDir()
  })
  afterEach(async () => {
    await dir.cleanup()
  })

  it('reads back a file written by the earlier implementation', () => {
    mkdirSync(dir.path, { recursive: true })
    writeFileSync(join(dir.path, file), Buffer.from(hex, 'hex'))
    const { log, load } = open(dir.path)
    log.close()
    expect(load.truncatedBytes).toBe(0)
    expect(load.payloads.map((p) => p.toString())).toEqual(PAYLOADS.map((p) => p.toString()))
  })

  it('writes byte-identical frames, appended or rewritten', () => {
    const { log } = open(dir.path)
    for (const p of PAYLOADS) log.append(p)
    log.close()
    expect(readFileSync(join(dir.path, file)).toString('hex')).toBe(hex)
    const again = open(dir.path).log
    again.rewrite(PAYLOADS)
    again.close()
    expect(readFileSync(join(dir.path, file)).toString('hex')).toBe(hex)
  })

  it('cuts a torn tail and a corrupt frame off, keeping the records before them', () => {
    writeFileSync(join(dir.path, file), Buffer.from(hex, 'hex'))
    appendFileSync(join(dir.path, file), Buffer.from('0000000a0000', 'hex'))
    const torn = open(dir.path)
    torn.log.close()
    expect(torn.load.truncatedBytes).toBe(6)
    expect(torn.load.payloads).toHaveLength(PAYLOADS.length)
    expect(readFileSync(join(dir.path, file)).toString('hex')).toBe(hex)

    const bytes = Buffer.from(hex, 'hex')
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1)
    writeFileSync(join(dir.path, file), bytes)
    const corrupt = open(dir.path)
    corrupt.log.close()
    expect(corrupt.load.payloads.map((p) => p.toString())).toEqual(PAYLOADS.slice(0, 3).map((p) => p.toString()))
    expect(corrupt.load.truncatedBytes).toBe(8 + PAYLOADS[3]!.length)
  })
})
