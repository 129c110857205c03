import { describe, expect, it } from 'vitest'
import { ConfigError, parseStreamsConfig } from '../../src/config/index.js'

function issuesOf(input: unknown): { key: string; message: string }[] {
  try {
    parseStreamsConfig(input)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return [...(err as ConfigError).issues]
  }
  throw new Error('expected a ConfigError')
}

describe('parseStreamsConfig', () => {
  it('fills in Kafka Streams defaults for an at-least-once application', () => {
    const c = parseStreamsConfig({ applicationId: 'orders', bootstrapServers: 'localhost:9092' })
    expect(c.processingGuarantee).toBe('at_least_once')
    expect(c.commitIntervalMs).toBe(30_000)
    expect(c.numStandbyReplicas).toBe(0)
    expect(c.cacheMaxBytes).toBe(10 * 1024 * 1024)
    expect(c.stateDir).toMatch(/tributary-streams$/)
    expect(c.deserializationExceptionHandler).toBe('fail')
    expect(c.uncaughtExceptionHandler).toBe('SHUTDOWN_CLIENT')
    expect(c.replicationFactor).toBe(-1)
    expect(c.maxTaskIdleMs).toBe(0)
    expect(c.bootstrapServers).toEqual(['localhost:9092'])
  })

  it('defaults the commit interval to 100 ms under exactly_once_v2 but keeps an explicit one', () => {
    expect(parseStreamsConfig({ applicationId: 'a', bootstrapServers: 'h:1', processingGuarantee: 'exactly_once_v2' }).commitIntervalMs).toBe(100)
    expect(
      parseStreamsConfig({ applicationId: 'a', bootstrapServers: 'h:1', processingGuarantee: 'exactly_once_v2', commitIntervalMs: 5 }).commitIntervalMs,
    ).toBe(5)
  })

  it('splits a comma-separated bootstrap list', () => {
    expect(parseStreamsConfig({ applicationId: 'a', bootstrapServers: 'a:1, b:2' }).bootstrapServers).toEqual(['a:1', 'b:2'])
  })

  it('accepts a KafkaJS-compatible instance instead of bootstrap servers', () => {
    const kafka = { producer: () => ({}), consumer: () => ({}), admin: () => ({}) }
    expect(parseStreamsConfig({ applicationId: 'a', kafka }).kafka).toBe(kafka)
  })

  it('names applicationId when it is missing or holds illegal characters', () => {
    expect(issuesOf({ bootstrapServers: 'h:1' }).map((i) => i.key)).toContain('applicationId')
    const [issue] = issuesOf({ applicationId: 'my app!', bootstrapServers: 'h:1' })
    expect(issue!.key).toBe('applicationId')
    expect(issue!.message).toMatch(/letters, digits/)
  })

  it('names bootstrapServers when neither it nor kafka is given', () => {
    const issues = issuesOf({ applicationId: 'a' })
    expect(issues).toHaveLength(1)
    expect(issues[0]!.key).toBe('bootstrapServers')
  })

  it('lists the accepted values of a bad processingGuarantee', () => {
    const [issue] = issuesOf({ applicationId: 'a', bootstrapServers: 'h:1', processingGuarantee: 'exactly_once' })
    expect(issue!.key).toBe('processingGuarantee')
    expect(issue!.message).toContain('at_least_once, exactly_once_v2')
    expect(issue!.message).toContain('"exactly_once"')
  })

  it('rejects a bad deserialization handler and names the accepted forms', () => {
    const [issue] = issuesOf({ applicationId: 'a', bootstrapServers: 'h:1', deserializationExceptionHandler: 'skip' })
    expect(issue!.key).toBe('deserializationExceptionHandler')
    expect(issue!.message).toContain('deadLetterTopic')
  })

  it('accepts a dead-letter topic handler', () => {
    const c = parseStreamsConfig({ applicationId: 'a', bootstrapServers: 'h:1', deserializationExceptionHandler: { deadLetterTopic: 'dlq' } })
    expect(c.deserializationExceptionHandler).toEqual({ deadLetterTopic: 'dlq' })
  })

  it('names unknown keys and lists the accepted ones', () => {
    const [issue] = issuesOf({ applicationId: 'a', bootstrapServers: 'h:1', commitInterval: 5 })
    expect(issue!.key).toBe('commitInterval')
    expect(issue!.message).toContain('commitIntervalMs')
  })

  it('rejects a negative standby count and a malformed application server', () => {
    const keys = issuesOf({ applicationId: 'a', bootstrapServers: 'h:1', numStandbyReplicas: -1, applicationServer: 'nohost' }).map((i) => i.key)
    expect(keys.sort()).toEqual(['applicationServer', 'numStandbyReplicas'])
  })
})
