/**
 * TopologyTestDriver: test a Topology without a broker, on the same engine KafkaStreams runs.
 * Start with `new TopologyTestDriver(topology)`, `createInputTopic` and `createOutputTopic`;
 * unit-test a single processor with `MockProcessorContext`.
 */
export { TopologyTestDriver } from './topology-test-driver.js'
export type { PipeResult } from './topology-test-driver.js'
export { TestInputTopic } from './test-input-topic.js'
export { TestOutputTopic } from './test-output-topic.js'
export { TestRecord } from './test-record.js'
export { MockProcessorContext, CapturedForward, CapturedPunctuator } from './mock-processor-context.js'
export { NoSuchElementError, ProcessingPendingError, DriverClosedError, StoreTypeMismatchError } from './errors.js'
export type { TestDriverConfigInput } from './internal/driver-config.js'
