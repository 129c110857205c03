import { parseStreamsConfig, type StreamsConfig, type StreamsConfigInput } from '../../config/streams-config.js'

/**
 * The TopologyTestDriver's configuration: the same settings as KafkaStreams (so one config object
 * serves both), with every key optional. As Kafka's driver does, it fills in a dummy
 * `bootstrapServers` and application id, and turns off the emit throttling of outer joins and
 * window-close results; connection settings are accepted and ignored.
 */
export type TestDriverConfigInput = Omit<StreamsConfigInput, 'applicationId'> & { applicationId?: string }

/** Kafka's driver uses a dummy application id when none is given. */
export const DEFAULT_TEST_DRIVER_APPLICATION_ID = 'dummy-topology-test-driver-app-id'

/**
 * Internal settings Kafka's driver sets to 0 unless given: the wall-clock throttling of
 * stream-stream left/outer join results and of `EmitStrategy.onWindowClose` results, so they
 * appear as soon as stream time allows, without advancing wall-clock time.
 */
export const DRIVER_APP_CONFIG_DEFAULTS: Readonly<Record<string, unknown>> = {
  '__emit.interval.ms.kstreams.outer.join.spurious.results.fix__': 0,
  '__emit.interval.ms.kstreams.windowed.aggregation__': 0,
}

/**
 * Validates the driver configuration with the streams config schema.
 * @throws ConfigError naming every bad key, what it got and what it accepts.
 */
export function parseTestDriverConfig(input: TestDriverConfigInput = {}): StreamsConfig {
  const given = input ?? {}
  const connection = given.bootstrapServers === undefined && given.kafka === undefined ? { bootstrapServers: 'dummy-bootstrap-host:0' } : {}
  const appConfigs = { ...DRIVER_APP_CONFIG_DEFAULTS, ...(given.appConfigs ?? {}) }
  return parseStreamsConfig({ applicationId: DEFAULT_TEST_DRIVER_APPLICATION_ID, ...connection, ...given, appConfigs })
}
