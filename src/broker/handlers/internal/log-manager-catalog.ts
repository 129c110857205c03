import type { LogManager } from '../../log/log-manager.js'
import type { PartitionLog } from '../../log/partition-log.js'
import type { TopicConfigOverrides } from '../../log/topic-config.js'
import type { TopicCatalog, TopicInfo, TopicOperationResult, ValidateOnlyOption } from '../topic-catalog.js'

/** The log layer's `LogManager` seen through the handlers' `TopicCatalog` port. */
export class LogManagerCatalog implements TopicCatalog {
  private readonly logs: LogManager

  constructor(logs: LogManager) {
    this.logs = logs
  }

  partitionLog(topic: string, partition: number): PartitionLog | undefined {
    return this.logs.getLog(topic, partition)
  }

  listTopics(): TopicInfo[] {
    return this.logs.listTopics().map((t) => ({ name: t.name, partitionCount: t.partitions, isInternal: t.isInternal }))
  }

  topic(name: string): TopicInfo | undefined {
    const t = this.logs.getTopic(name)
    return t === undefined ? undefined : { name: t.name, partitionCount: t.partitions, isInternal: t.isInternal }
  }

  createTopic(name: string, partitions: number, configs: TopicConfigOverrides, options: ValidateOnlyOption = {}): TopicOperationResult {
    return this.logs.createTopic(
      partitions === -1 ? { name, configs } : { name, numPartitions: partitions, configs },
      { validateOnly: options.validateOnly ?? false },
    )
  }

  deleteTopic(name: string): TopicOperationResult {
    return this.logs.deleteTopic(name)
  }

  createPartitions(name: string, totalCount: number, options: ValidateOnlyOption = {}): TopicOperationResult {
    return this.logs.createPartitions(name, totalCount, { validateOnly: options.validateOnly ?? false })
  }

  topicConfigOverrides(name: string): TopicConfigOverrides | undefined {
    return this.logs.getTopic(name)?.configs
  }

  setTopicConfigOverrides(name: string, overrides: TopicConfigOverrides, options: ValidateOnlyOption = {}): TopicOperationResult {
    return this.logs.alterConfigs(name, overrides, { validateOnly: options.validateOnly ?? false })
  }
}
