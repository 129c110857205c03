import { describe, expect, it } from 'vitest'
import { ConfigError, parseBrokerConfig } from '../../src/config/index.js'
import { silentLogger } from '../../src/logging/index.js'

describe('parseBrokerConfig', () => {
  it('fills in Kafka-like defaults, listening on loopback in memory', () => {
    const config = parseBrokerConfig({})
    expect(config.dataDir).toBeUndefined()
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 9092,
      nodeId: 0,
      autoCreateTopics: true,
      numPartitions: 1,
      defaultReplicationFactor: 1,
      maxRequestBytes: 104_857_600,
      maxConnections: 1000,
      messageMaxBytes: 1_048_588,
      groupInitialRebalanceDelayMs: 3000,
      groupMinSessionTimeoutMs: 6000,
      groupMaxSessionTimeoutMs: 1_800_000,
      logSegmentBytes: 1_073_741_824,
      logSegmentMs: 604_800_000,
      logRetentionMs: 604_800_000,
      logRetentionBytes: -1,
      logRetentionCheckIntervalMs: 300_000,
    })
  })

  it('accepts port 0, a data dir and a logger', () => {
    const config = parseBrokerConfig({ port: 0, dataDir: '/tmp/x', logger: silentLogger, logLevel: 'debug' })
    expect(config).toMatchObject({ port: 0, dataDir: '/tmp/x', logLevel: 'debug' })
    expect(config.logger).toBe(silentLogger)
  })

  it('throws ConfigError naming the key, the accepted values and what it got', () => {
    const attempt = (input: unknown): ConfigError => {
      try {
        parseBrokerConfig(input)
      } catch (err) {
        if (err instanceof ConfigError) return err
        throw err
      }
      throw new Error('no error')
    }
    expect(attempt({ port: 70_000 }).message).toBe('Invalid broker config: port: expected an integer from 0 to 65535 (got 70000)')
    expect(attempt({ port: '9092' }).message).toContain('port: expected an integer from 0 to 65535 (got "9092")')
    expect(attempt({ logLevel: 'loud' }).message).toContain('logLevel: expected one of trace, debug, info, warn, error, fatal, silent (got "loud")')
    expect(attempt({ defaultReplicationFactor: 3 }).message).toContain('defaultReplicationFactor: expected 1 (the broker is single-node) (got 3)')
    expect(attempt({ autoCreateTopics: 'yes' }).message).toContain('autoCreateTopics: expected true or false (got "yes")')
    expect(attempt({ logger: 5 }).message).toContain('logger: expected a Logger')
    expect(attempt({ groupMinSessionTimeoutMs: 10, groupMaxSessionTimeoutMs: 5 }).message).toContain(
      'groupMinSessionTimeoutMs: must not exceed groupMaxSessionTimeoutMs',
    )
    const typo = attempt({ prot: 1 })
    expect(typo.issues).toEqual([{ key: 'prot', message: expect.stringContaining('unknown key; accepted keys are host, port,') }])
    expect(typo.code).toBe('KS_ERR_CONFIG_INVALID')
  })

  it('reports every bad key at once', () => {
    try {
      parseBrokerConfig({ port: -1, numPartitions: 0 })
      expect.unreachable()
    } catch (err) {
      expect((err as ConfigError).issues.map((i) => i.key)).toEqual(['port', 'numPartitions'])
    }
  })
})
