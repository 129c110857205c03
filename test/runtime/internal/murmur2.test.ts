import { Partitioners } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { defaultPartition, murmur2 } from '../../../src/runtime/internal/murmur2.js'

describe('murmur2', () => {
  it('matches Kafka reference values', () => {
    // Values from Kafka's UtilsTest.testMurmur2.
    expect(murmur2(Buffer.from('21'))).toBe(-973932308)
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482)
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536)
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829)
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971)
    expect(murmur2(Buffer.from([97, 98, 99]))).toBe(479470107)
  })

  it('puts keys in the partition the kafkajs (Java-compatible) default partitioner chooses', () => {
    const partitioner = Partitioners.DefaultPartitioner()
    for (const n of [1, 3, 4, 7, 12]) {
      const partitionMetadata = Array.from({ length: n }, (_, i) => ({ partitionId: i, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }))
      for (let i = 0; i < 300; i++) {
        const key = `key-${i * 7919}`
        const expected = partitioner({ topic: 't', partitionMetadata, message: { key, value: null } })
        expect(defaultPartition(Buffer.from(key), n)).toBe(expected)
      }
    }
  })
})
