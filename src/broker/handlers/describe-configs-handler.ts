import { TOPIC_CONFIG_NAMES, topicConfigDefault, type TopicConfigOverrides } from '../log/topic-config.js'
import { ApiKey, ErrorCode, type DescribeConfigsResourceResult, type DescribeConfigsResult, type DescribeConfigsSynonym } from '../protocol/index.js'
import type { ApiHandler } from './api-handler.js'
import { TOPIC_CONFIG_BROKER_SYNONYMS, type BrokerConfigEntry } from './internal/broker-config-entries.js'
import { ConfigSource, ResourceType } from './internal/config-source.js'
import { topicNameError } from '../log/topic-name.js'

/** What DescribeConfigs needs. */
export interface DescribeConfigsDeps {
  /** A topic's config overrides, or undefined when the topic does not exist. */
  readonly topicOverrides: (topic: string) => TopicConfigOverrides | undefined
  /** This broker's configs under Kafka's names (values as they are now). */
  readonly brokerEntries: () => readonly BrokerConfigEntry[]
  /** This broker's node id (the BROKER resource name). */
  readonly nodeId: number
}

/**
 * DescribeConfigs for TOPIC and BROKER resources, reported as Kafka does: every topic config
 * with its effective value, `config_source` TOPIC_CONFIG for overrides, STATIC_BROKER_CONFIG when
 * our broker config changes Kafka's default, else DEFAULT_CONFIG; synonyms (v1+, when asked)
 * list those sources from the strongest. Topic configs are never read-only; broker configs are
 * read-only unless Kafka can change them dynamically. v0 reports `is_default` instead of a source.
 */
export function describeConfigsHandler(deps: DescribeConfigsDeps): ApiHandler<typeof ApiKey.DescribeConfigs> {
  return {
    apiKey: ApiKey.DescribeConfigs,
    handle(request) {
      const results = request.resources.map((r): DescribeConfigsResult => {
        const keys = r.configurationKeys === null || r.configurationKeys.length === 0 ? null : new Set(r.configurationKeys)
        const base = { resourceType: r.resourceType, resourceName: r.resourceName }
        if (r.resourceType === ResourceType.TOPIC) {
          const invalid = topicNameError(r.resourceName)
          if (invalid !== undefined) return { ...base, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: invalid, configs: [] }
          const overrides = deps.topicOverrides(r.resourceName)
          if (overrides === undefined) {
            return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic '${r.resourceName}' does not exist.`, configs: [] }
          }
          const broker = new Map(deps.brokerEntries().map((e) => [e.name, e]))
          const configs = TOPIC_CONFIG_NAMES.filter((n) => keys === null || keys.has(n)).map((n) =>
            topicEntry(n, overrides, broker, request.includeSynonyms),
          )
          return { ...base, errorCode: 0, errorMessage: null, configs }
        }
        if (r.resourceType === ResourceType.BROKER) {
          if (r.resourceName !== '' && r.resourceName !== String(deps.nodeId)) {
            return {
              ...base,
              errorCode: ErrorCode.INVALID_REQUEST,
              errorMessage: `Unexpected broker id, expected ${deps.nodeId} or empty string, but received ${r.resourceName}`,
              configs: [],
            }
          }
          // The empty name asks for cluster-wide dynamic defaults, of which there are none.
          if (r.resourceName === '') return { ...base, errorCode: 0, errorMessage: null, configs: [] }
          const configs = deps
            .brokerEntries()
            .filter((e) => keys === null || keys.has(e.name))
            .map((e) => brokerEntry(e, request.includeSynonyms))
          return { ...base, errorCode: 0, errorMessage: null, configs }
        }
        return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${r.resourceType}`, configs: [] }
      })
      return { results }
    },
    errorResponse: (request, errorCode) => ({
      results: request.resources.map((r) => ({
        errorCode,
        errorMessage: null,
        resourceType: r.resourceType,
        resourceName: r.resourceName,
        configs: [],
      })),
    }),
  }
}

function topicEntry(
  name: string,
  overrides: TopicConfigOverrides,
  broker: ReadonlyMap<string, BrokerConfigEntry>,
  includeSynonyms: boolean,
): DescribeConfigsResourceResult {
  const synonyms: DescribeConfigsSynonym[] = []
  const override = overrides[name]
  if (override !== undefined) synonyms.push({ name, value: override, source: ConfigSource.TOPIC_CONFIG })
  const brokerName = TOPIC_CONFIG_BROKER_SYNONYMS.get(name)
  const fromBroker = brokerName === undefined ? undefined : broker.get(brokerName)
  if (fromBroker !== undefined && fromBroker.value !== fromBroker.kafkaDefault) {
    synonyms.push({ name: fromBroker.name, value: fromBroker.value, source: ConfigSource.STATIC_BROKER_CONFIG })
  }
  const kafkaDefault = topicConfigDefault(name) ?? null
  if (brokerName !== undefined) synonyms.push({ name: brokerName, value: kafkaDefault, source: ConfigSource.DEFAULT_CONFIG })
  const top = synonyms[0]
  const source = top === undefined ? ConfigSource.DEFAULT_CONFIG : top.source
  return {
    name,
    value: top === undefined ? kafkaDefault : top.value,
    readOnly: false,
    isDefault: source === ConfigSource.DEFAULT_CONFIG,
    configSource: source,
    isSensitive: false,
    synonyms: includeSynonyms ? synonyms : [],
  }
}

function brokerEntry(e: BrokerConfigEntry, includeSynonyms: boolean): DescribeConfigsResourceResult {
  const source = e.value === e.kafkaDefault ? ConfigSource.DEFAULT_CONFIG : ConfigSource.STATIC_BROKER_CONFIG
  const synonyms: DescribeConfigsSynonym[] = [{ name: e.name, value: e.value, source }]
  if (source === ConfigSource.STATIC_BROKER_CONFIG && e.kafkaDefault !== null) {
    synonyms.push({ name: e.name, value: e.kafkaDefault, source: ConfigSource.DEFAULT_CONFIG })
  }
  return {
    name: e.name,
    value: e.value,
    readOnly: !e.dynamic,
    isDefault: source === ConfigSource.DEFAULT_CONFIG,
    configSource: source,
    isSensitive: false,
    synonyms: includeSynonyms ? synonyms : [],
  }
}
