/**
 * Kafka API keys of every API the broker's codec describes (numbers from apache/kafka `ApiKeys`).
 */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteRecords: 21,
  InitProducerId: 22,
  AddPartitionsToTxn: 24,
  AddOffsetsToTxn: 25,
  EndTxn: 26,
  TxnOffsetCommit: 28,
  DescribeConfigs: 32,
  AlterConfigs: 33,
  CreatePartitions: 37,
  DeleteGroups: 42,
  IncrementalAlterConfigs: 44,
} as const

/** Name of an API in {@link ApiKey} (`'Produce'`, `'Fetch'`, ...). */
export type ApiName = keyof typeof ApiKey

/** Numeric key of an API in {@link ApiKey}. */
export type ApiKeyNumber = (typeof ApiKey)[ApiName]
