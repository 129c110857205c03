import { isListTopicConfig, TOPIC_CONFIG_NAMES, topicConfigDefault, type TopicConfigOverrides } from './topic-config.js'

/** DescribeConfigs `config_source` values (Kafka's `DescribeConfigsResponse.ConfigSource`). */
export const ConfigSource = {
  UNKNOWN: 0,
  TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const

/** One described config of a topic. */
export interface ConfigEntry {
  readonly name: string
  readonly value: string | null
  /** Where the value comes from (`ConfigSource`). */
  readonly source: number
  /** True when the value is a default (DescribeConfigs v0's `is_default`). */
  readonly isDefault: boolean
  readonly readOnly: boolean
  readonly isSensitive: boolean
}

/** An IncrementalAlterConfigs operation. */
export interface IncrementalConfigOp {
  readonly name: string
  readonly op: 'SET' | 'DELETE' | 'APPEND' | 'SUBTRACT'
  readonly value: string | null
}

/**
 * The effective configs of a topic: its overrides (TOPIC_CONFIG), then broker-level defaults
 * (STATIC_BROKER_CONFIG), then Kafka's defaults (DEFAULT_CONFIG), sorted by name. `keys` limits
 * the list; unknown keys are left out, as Kafka does.
 */
export function describeTopicConfigs(overrides: TopicConfigOverrides, brokerDefaults: TopicConfigOverrides, keys: readonly string[] | null): ConfigEntry[] {
  const names = keys === null ? TOPIC_CONFIG_NAMES : TOPIC_CONFIG_NAMES.filter((n) => keys.includes(n))
  return names.map((name) => {
    const own = overrides[name]
    const broker = brokerDefaults[name]
    const [value, source] =
      own !== undefined
        ? [own, ConfigSource.TOPIC_CONFIG]
        : broker !== undefined
          ? [broker, ConfigSource.STATIC_BROKER_CONFIG]
          : [topicConfigDefault(name) ?? null, ConfigSource.DEFAULT_CONFIG]
    return { name, value, source, isDefault: source === ConfigSource.DEFAULT_CONFIG, readOnly: false, isSensitive: false }
  })
}

/**
 * Applies incremental operations to `current` overrides the way Kafka's controller does (APPEND
 * and SUBTRACT only on LIST configs, starting from the default when unset). Returns the new
 * overrides, or an INVALID_CONFIG message. Values are validated later by the caller.
 */
export function applyIncrementalOps(current: TopicConfigOverrides, ops: readonly IncrementalConfigOp[]): Record<string, string> | string {
  const next: Record<string, string> = { ...current }
  for (const { name, op, value } of ops) {
    if (op === 'SET') {
      if (value === null) return `Null value not supported for : ${name}`
      next[name] = value
    } else if (op === 'DELETE') {
      delete next[name]
    } else {
      if (!isListTopicConfig(name)) return `Can't ${op} to key ${name} because its type is not LIST.`
      const base = next[name] ?? topicConfigDefault(name) ?? ''
      const parts = base.trim() === '' ? [] : base.split(/\s*,\s*/)
      for (const item of (value ?? '').split(',')) {
        if (op === 'APPEND' && !parts.includes(item)) parts.push(item)
        if (op === 'SUBTRACT') {
          const i = parts.indexOf(item)
          if (i >= 0) parts.splice(i, 1)
        }
      }
      next[name] = parts.join(',')
    }
  }
  return next
}
