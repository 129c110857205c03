/** Test helpers: a TopologyTestDriver with Kafka-test-like settings, and record shorthands. */
import type { Topology } from '../../../processor-api/topology.js'
import { Serdes } from '../../../processor-api/serde/serdes.js'
import { TopologyTestDriver, type TestDriverConfigInput } from '../../../src/test-driver/index.js'
import type { TestOutputTopic } from '../../../src/test-driver/index.js'

/**
 * A driver with String default serdes, wall clock at 0, and the emit intervals of final
 * window results and outer-join results set to 0 (as Kafka's own tests do), so results do not
 * wait for wall-clock time.
 */
export function driverFor(topology: Topology, config: TestDriverConfigInput = {}): TopologyTestDriver {
  return new TopologyTestDriver(
    topology,
    {
      defaultKeySerde: Serdes.String(),
      defaultValueSerde: Serdes.String(),
      ...config,
      appConfigs: {
        '__emit.interval.ms.kstreams.outer.join.spurious.results.fix__': 0,
        '__emit.interval.ms.kstreams.windowed.aggregation__': 0,
        ...(config.appConfigs ?? {}),
      },
    },
    0,
  )
}

/** `{ key, value, timestamp }` of every record in the topic (drains it). */
export function drain<K, V>(topic: TestOutputTopic<K, V>): { key: K; value: V; timestamp: number }[] {
  return topic.readRecordsToList().map((r) => ({ key: r.key as K, value: r.value as V, timestamp: r.timestamp as number }))
}

/** Shorthand for an expected output record. */
export function rec<K, V>(key: K, value: V, timestamp: number): { key: K; value: V; timestamp: number } {
  return { key, value, timestamp }
}
