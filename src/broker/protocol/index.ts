/**
 * The broker's Kafka wire-protocol layer: primitives (Reader/Writer, CRC-32C), a declarative
 * message schema interpreted by one generic encoder/decoder, one schema per API, the registry
 * (advertised versions, header versions), framing, error codes and record-batch v2 helpers.
 * Start with `registry.ts` (what the server dispatches on) and `frame.ts` (what it writes).
 */
export { ApiKey } from './api-key.js'
export type { ApiKeyNumber, ApiName } from './api-key.js'
export { ProtocolDecodeError, ProtocolEncodeError, ProtocolError, ProtocolLocatedError, UnsupportedVersionError } from './errors.js'
export { ErrorCode, KAFKA_ERRORS, errorInfo, errorName, isRetriable } from './error-codes.js'
export type { ErrorName, KafkaErrorInfo } from './error-codes.js'
export { Reader } from './primitives/reader.js'
export { Writer, ZERO_COPY_THRESHOLD, byteSize } from './primitives/writer.js'
export { crc32c } from '../../wire/crc32c.js'
export { crc32 } from './primitives/crc32.js'
export { defineMessage } from './schema/message-schema.js'
export type {
  DefaultValue,
  Encodable,
  FieldSpec,
  FieldType,
  MessageOf,
  MessageSchema,
  MessageSpec,
  PrimitiveType,
} from './schema/message-schema.js'
export { inRange, parseVersions } from './schema/versions.js'
export type { VersionRange } from './schema/versions.js'
export { decodeMessage } from './schema/decode.js'
export { encodeMessage, encodeMessageToBuffer } from './schema/encode.js'
export {
  API_DEFINITIONS,
  apiDefinition,
  apiVersionsEntries,
  decodeRequestBody,
  decodeResponseBody,
  encodeRequestBody,
  encodeResponseBody,
  isVersionSupported,
  requestHeaderVersion,
  responseHeaderVersion,
} from './registry.js'
export type { ApiDefinition, ApiMessages, ApiVersionsEntry, RequestOf, ResponseOf } from './registry.js'
export {
  decodeRequestHeader,
  decodeResponseHeader,
  encodeRequestHeader,
  responseHeaderSize,
  writeResponseHeader,
} from './request-header.js'
export type { RequestHeader } from './request-header.js'
export { encodeRequest, encodeResponse, encodeResponseFrame } from './frame.js'
export { unsupportedApiVersionsFrame, unsupportedApiVersionsResponse } from './unsupported-api-versions.js'
export {
  BatchAttributes,
  BatchOffsets,
  CompressionCodec,
  LOG_OVERHEAD,
  RECORD_BATCH_HEADER_SIZE,
  isBatchCrcValid,
  readBatchHeader,
  setBaseOffset,
  setLogAppendTime,
  setPartitionLeaderEpoch,
  splitBatches,
  validateRecordSet,
} from './records/record-batch.js'
export type { RecordBatchHeader, RecordSetValidation, SplitBatches, ValidateOptions } from './records/record-batch.js'
export { buildRecordBatch } from './records/record-batch-builder.js'
export type { RecordBatchOptions, RecordHeaderInput, RecordInput } from './records/record-batch-builder.js'
export { ControlRecordType, buildEndTxnMarker, parseEndTxnMarker } from './records/end-txn-marker.js'
export type { EndTxnMarker, EndTxnMarkerInput } from './records/end-txn-marker.js'
export { UnsupportedCompressionError, decodeRecords } from './records/record-decoder.js'
export type { DecodedRecord } from './records/record-decoder.js'
export { LegacyMessageSetError, NO_TIMESTAMP, isLegacyMessageSet, readLegacyMessageSet, legacyEntrySize, writeLegacyEntry } from './records/legacy-message.js'
export type { LegacyMessage, LegacyMessageInput, LegacyMessageSet } from './records/legacy-message.js'
export { downConvertBatches, upConvertMessageSet } from './records/message-format-conversion.js'
export type { DownConvertOptions, DownConverted } from './records/message-format-conversion.js'

// Message schemas and body types (one module per API).
export type { AddOffsetsToTxnRequest, AddOffsetsToTxnResponse } from './messages/add-offsets-to-txn.js'
export { AddOffsetsToTxnRequestSchema, AddOffsetsToTxnResponseSchema } from './messages/add-offsets-to-txn.js'
export type { AddPartitionsToTxnTopic, AddPartitionsToTxnRequest, AddPartitionsToTxnPartitionResult, AddPartitionsToTxnTopicResult, AddPartitionsToTxnResponse } from './messages/add-partitions-to-txn.js'
export { AddPartitionsToTxnRequestSchema, AddPartitionsToTxnResponseSchema } from './messages/add-partitions-to-txn.js'
export type { AlterConfigsRequestAlterableConfig, AlterConfigsResource, AlterConfigsRequest, AlterConfigsResourceResponse, AlterConfigsResponse } from './messages/alter-configs.js'
export { AlterConfigsRequestSchema, AlterConfigsResponseSchema } from './messages/alter-configs.js'
export type { ApiVersionsRequest, ApiVersionsResponseApiVersion, ApiVersionsResponseSupportedFeatureKey, ApiVersionsResponseFinalizedFeatureKey, ApiVersionsResponse } from './messages/api-versions.js'
export { ApiVersionsRequestSchema, ApiVersionsResponseSchema, isValidClientSoftwareField } from './messages/api-versions.js'
export type { CreatePartitionsAssignment, CreatePartitionsTopic, CreatePartitionsRequest, CreatePartitionsTopicResult, CreatePartitionsResponse } from './messages/create-partitions.js'
export { CreatePartitionsRequestSchema, CreatePartitionsResponseSchema } from './messages/create-partitions.js'
export type { CreateTopicsRequestCreatableReplicaAssignment, CreateTopicsRequestCreateableTopicConfig, CreateTopicsRequestCreatableTopic, CreateTopicsRequest, CreateTopicsResponseCreatableTopicResult, CreateTopicsResponse } from './messages/create-topics.js'
export { CreateTopicsRequestSchema, CreateTopicsResponseSchema } from './messages/create-topics.js'
export type { DeleteGroupsRequest, DeleteGroupsResponseDeletableGroupResult, DeleteGroupsResponse } from './messages/delete-groups.js'
export { DeleteGroupsRequestSchema, DeleteGroupsResponseSchema } from './messages/delete-groups.js'
export type { DeleteRecordsPartition, DeleteRecordsTopic, DeleteRecordsRequest, DeleteRecordsPartitionResult, DeleteRecordsTopicResult, DeleteRecordsResponse } from './messages/delete-records.js'
export { DeleteRecordsRequestSchema, DeleteRecordsResponseSchema } from './messages/delete-records.js'
export type { DeleteTopicsRequest, DeleteTopicsResponseDeletableTopicResult, DeleteTopicsResponse } from './messages/delete-topics.js'
export { DeleteTopicsRequestSchema, DeleteTopicsResponseSchema } from './messages/delete-topics.js'
export type { DescribeConfigsResource, DescribeConfigsRequest, DescribeConfigsSynonym, DescribeConfigsResourceResult, DescribeConfigsResult, DescribeConfigsResponse } from './messages/describe-configs.js'
export { DescribeConfigsRequestSchema, DescribeConfigsResponseSchema } from './messages/describe-configs.js'
export type { DescribeGroupsRequest, DescribeGroupsResponseDescribedGroupMember, DescribeGroupsResponseDescribedGroup, DescribeGroupsResponse } from './messages/describe-groups.js'
export { DescribeGroupsRequestSchema, DescribeGroupsResponseSchema } from './messages/describe-groups.js'
export type { EndTxnRequest, EndTxnResponse } from './messages/end-txn.js'
export { EndTxnRequestSchema, EndTxnResponseSchema } from './messages/end-txn.js'
export type { FetchPartition, FetchTopic, FetchRequestForgottenTopic, FetchRequest, FetchResponseAbortedTransaction, FetchResponsePartitionData, FetchableTopicResponse, FetchResponse } from './messages/fetch.js'
export { FetchRequestSchema, FetchResponseSchema } from './messages/fetch.js'
export type { FindCoordinatorRequest, FindCoordinatorResponse } from './messages/find-coordinator.js'
export { FindCoordinatorRequestSchema, FindCoordinatorResponseSchema } from './messages/find-coordinator.js'
export type { HeartbeatRequest, HeartbeatResponse } from './messages/heartbeat.js'
export { HeartbeatRequestSchema, HeartbeatResponseSchema } from './messages/heartbeat.js'
export type { IncrementalAlterConfigsRequestAlterableConfig, IncrementalAlterConfigsRequestAlterConfigsResource, IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponseAlterConfigsResourceResponse, IncrementalAlterConfigsResponse } from './messages/incremental-alter-configs.js'
export { IncrementalAlterConfigsRequestSchema, IncrementalAlterConfigsResponseSchema } from './messages/incremental-alter-configs.js'
export type { InitProducerIdRequest, InitProducerIdResponse } from './messages/init-producer-id.js'
export { InitProducerIdRequestSchema, InitProducerIdResponseSchema } from './messages/init-producer-id.js'
export type { JoinGroupRequestProtocol, JoinGroupRequest, JoinGroupResponseMember, JoinGroupResponse } from './messages/join-group.js'
export { JoinGroupRequestSchema, JoinGroupResponseSchema } from './messages/join-group.js'
export type { LeaveGroupRequest, LeaveGroupResponse } from './messages/leave-group.js'
export { LeaveGroupRequestSchema, LeaveGroupResponseSchema } from './messages/leave-group.js'
export type { ListGroupsRequest, ListGroupsResponseListedGroup, ListGroupsResponse } from './messages/list-groups.js'
export { ListGroupsRequestSchema, ListGroupsResponseSchema } from './messages/list-groups.js'
export type { ListOffsetsPartition, ListOffsetsTopic, ListOffsetsRequest, ListOffsetsPartitionResponse, ListOffsetsTopicResponse, ListOffsetsResponse } from './messages/list-offsets.js'
export { ListOffsetsRequestSchema, ListOffsetsResponseSchema } from './messages/list-offsets.js'
export type { MetadataRequestTopic, MetadataRequest, MetadataResponseBroker, MetadataResponsePartition, MetadataResponseTopic, MetadataResponse } from './messages/metadata.js'
export { MetadataRequestSchema, MetadataResponseSchema } from './messages/metadata.js'
export type { OffsetCommitRequestPartition, OffsetCommitRequestTopic, OffsetCommitRequest, OffsetCommitResponsePartition, OffsetCommitResponseTopic, OffsetCommitResponse } from './messages/offset-commit.js'
export { OffsetCommitRequestSchema, OffsetCommitResponseSchema } from './messages/offset-commit.js'
export type { OffsetFetchRequestTopic, OffsetFetchRequest, OffsetFetchResponsePartition, OffsetFetchResponseTopic, OffsetFetchResponse } from './messages/offset-fetch.js'
export { OffsetFetchRequestSchema, OffsetFetchResponseSchema } from './messages/offset-fetch.js'
export type { ProduceRequestPartitionProduceData, ProduceRequestTopicProduceData, ProduceRequest, ProduceResponsePartitionProduceResponse, ProduceResponseTopicProduceResponse, ProduceResponse } from './messages/produce.js'
export { ProduceRequestSchema, ProduceResponseSchema } from './messages/produce.js'
export type { SyncGroupRequestAssignment, SyncGroupRequest, SyncGroupResponse } from './messages/sync-group.js'
export { SyncGroupRequestSchema, SyncGroupResponseSchema } from './messages/sync-group.js'
export type { TxnOffsetCommitRequestPartition, TxnOffsetCommitRequestTopic, TxnOffsetCommitRequest, TxnOffsetCommitResponsePartition, TxnOffsetCommitResponseTopic, TxnOffsetCommitResponse } from './messages/txn-offset-commit.js'
export { TxnOffsetCommitRequestSchema, TxnOffsetCommitResponseSchema } from './messages/txn-offset-commit.js'
