import { describe, expect, it } from 'vitest'
import { Topology } from '../../../processor-api/topology.js'
import { Record } from '../../../processor-api/record.js'
import type { TimestampExtractor } from '../../../processor-api/topology-options.js'
import { InvalidTimestampError } from '../../../src/runtime/errors.js'
import {
  failOnInvalidTimestamp,
  logAndSkipOnInvalidTimestamp,
  usePartitionTimeOnInvalidTimestamp,
} from '../../../src/runtime/task/timestamp-extractors.js'
import { drain, raw, startTask } from './helpers/task-fixture.js'

const rec = (timestamp: number) => ({ key: 'k', value: 'v', timestamp, topic: 't', partition: 2, offset: 9 })

async function timestampsSeen(extractor: TimestampExtractor, input: number[]): Promise<number[]> {
  const seen: number[] = []
  const topology = new Topology()
    .addSource('src', 'in', { timestampExtractor: extractor })
    .addProcessor('p', () => ({ process: (r: Record<string, string>) => void seen.push(r.timestamp) }), 'src')
  const { task } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
  task.addRecords('in', 0, input.map((ts, i) => raw('k', 'v', ts, i)))
  await drain(task)
  return seen
}

describe('timestamp extractors', () => {
  it('failOnInvalidTimestamp returns the record timestamp and throws on a negative one', () => {
    expect(failOnInvalidTimestamp(rec(5), -1)).toBe(5)
    expect(() => failOnInvalidTimestamp(rec(-1), 3)).toThrow(InvalidTimestampError)
    expect(() => failOnInvalidTimestamp(rec(-1), 3)).toThrow(/topic t, partition 2, offset 9/)
  })

  it('usePartitionTimeOnInvalidTimestamp falls back to partition time, and fails before any', () => {
    expect(usePartitionTimeOnInvalidTimestamp(rec(-1), 40)).toBe(40)
    expect(() => usePartitionTimeOnInvalidTimestamp(rec(-1), -1)).toThrow(InvalidTimestampError)
  })

  it('makes the task skip records whose extracted timestamp is negative (logAndSkip)', async () => {
    expect(logAndSkipOnInvalidTimestamp(rec(-3), 0)).toBe(-3)
    expect(await timestampsSeen(logAndSkipOnInvalidTimestamp, [3, -1, 4])).toEqual([3, 4])
  })

  it('gives a custom extractor the partition time and stamps records with its result', async () => {
    const partitionTimes: number[] = []
    const extractor: TimestampExtractor = (r, partitionTime) => {
      partitionTimes.push(partitionTime)
      return r.timestamp * 10
    }
    expect(await timestampsSeen(extractor, [1, 3, 2])).toEqual([10, 30, 20])
    // The head is deserialized (and stamped) as soon as the previous record is polled.
    expect(partitionTimes).toEqual([-1, 10, 30])
  })

  it('uses the partition time for a negative timestamp with usePartitionTimeOnInvalidTimestamp', async () => {
    expect(await timestampsSeen(usePartitionTimeOnInvalidTimestamp, [7, -1, 9])).toEqual([7, 7, 9])
  })

  it('fails the task with InvalidTimestampError by default', async () => {
    const topology = new Topology().addSource('src', 'in').addSink('out', 'out', 'src')
    const { task } = await startTask(topology, { partitions: [{ topic: 'in', partition: 0 }] })
    expect(() => task.addRecords('in', 0, [raw('k', 'v', -5, 0)])).toThrow(InvalidTimestampError)
  })
})
