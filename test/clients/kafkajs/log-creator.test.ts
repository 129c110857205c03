import { logLevel } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { kafkaJsLogCreator, kafkaJsLogLevel } from '../../../src/clients/kafkajs/internal/log-creator.js'
import { createLogger } from '../../../src/logging/index.js'

function capture(level: 'debug' | 'warn') {
  const lines: { level: number; msg: string; component?: string; namespace?: string }[] = []
  const logger = createLogger({ level, destination: { write: (s: string) => void lines.push(JSON.parse(s)) } })
  return { logger, lines }
}

describe('kafkaJsLogCreator', () => {
  it('routes kafkajs lines into the logger with their namespace, INFO as debug', () => {
    const { logger, lines } = capture('debug')
    const log = kafkaJsLogCreator(logger)(logLevel.DEBUG)
    const entry = (message: string) => ({ message, timestamp: 'now', logger: 'kafkajs' })
    log({ namespace: 'Consumer', level: logLevel.ERROR, label: 'ERROR', log: entry('broken') })
    log({ namespace: 'Consumer', level: logLevel.WARN, label: 'WARN', log: entry('careful') })
    log({ namespace: 'Runner', level: logLevel.INFO, label: 'INFO', log: entry('joined') })
    log({ namespace: 'Producer', level: logLevel.WARN, label: 'WARN', log: entry('Limiting retries for the idempotent producer may invalidate EoS guarantees') })
    expect(lines.map((l) => [l.level, l.msg, l.component, l.namespace])).toEqual([
      [50, 'broken', 'kafkajs', 'Consumer'],
      [40, 'careful', 'kafkajs', 'Consumer'],
      [20, 'joined', 'kafkajs', 'Runner'],
      [20, 'Limiting retries for the idempotent producer may invalidate EoS guarantees', 'kafkajs', 'Producer'],
    ])
  })

  it('asks kafkajs for no more than the logger prints', () => {
    expect(kafkaJsLogLevel(capture('warn').logger)).toBe(logLevel.WARN)
    expect(kafkaJsLogLevel(capture('debug').logger)).toBe(logLevel.INFO)
  })
})
