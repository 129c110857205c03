import { ApiKey, type ApiKeyNumber, type ApiName } from './api-key.js'
import { UnsupportedVersionError } from './errors.js'
import { type AddOffsetsToTxnRequest, type AddOffsetsToTxnResponse, AddOffsetsToTxnRequestSchema, AddOffsetsToTxnResponseSchema } from './messages/add-offsets-to-txn.js'
import { type AddPartitionsToTxnRequest, type AddPartitionsToTxnResponse, AddPartitionsToTxnRequestSchema, AddPartitionsToTxnResponseSchema } from './messages/add-partitions-to-txn.js'
import { type AlterConfigsRequest, type AlterConfigsResponse, AlterConfigsRequestSchema, AlterConfigsResponseSchema } from './messages/alter-configs.js'
import { type ApiVersionsRequest, type ApiVersionsResponse, ApiVersionsRequestSchema, ApiVersionsResponseSchema } from './messages/api-versions.js'
import { type CreatePartitionsRequest, type CreatePartitionsResponse, CreatePartitionsRequestSchema, CreatePartitionsResponseSchema } from './messages/create-partitions.js'
import { type CreateTopicsRequest, type CreateTopicsResponse, CreateTopicsRequestSchema, CreateTopicsResponseSchema } from './messages/create-topics.js'
import { type DeleteGroupsRequest, type DeleteGroupsResponse, DeleteGroupsRequestSchema, DeleteGroupsResponseSchema } from './messages/delete-groups.js'
import { type DeleteRecordsRequest, type DeleteRecordsResponse, DeleteRecordsRequestSchema, DeleteRecordsResponseSchema } from './messages/delete-records.js'
import { type DeleteTopicsRequest, type DeleteTopicsResponse, DeleteTopicsRequestSchema, DeleteTopicsResponseSchema } from './messages/delete-topics.js'
import { type DescribeConfigsRequest, type DescribeConfigsResponse, DescribeConfigsRequestSchema, DescribeConfigsResponseSchema } from './messages/describe-configs.js'
import { type DescribeGroupsRequest, type DescribeGroupsResponse, DescribeGroupsRequestSchema, DescribeGroupsResponseSchema } from './messages/describe-groups.js'
import { type EndTxnRequest, type EndTxnResponse, EndTxnRequestSchema, EndTxnResponseSchema } from './messages/end-txn.js'
import { type FetchRequest, type FetchResponse, FetchRequestSchema, FetchResponseSchema } from './messages/fetch.js'
import { type FindCoordinatorRequest, type FindCoordinatorResponse, FindCoordinatorRequestSchema, FindCoordinatorResponseSchema } from './messages/find-coordinator.js'
import { type HeartbeatRequest, type HeartbeatResponse, HeartbeatRequestSchema, HeartbeatResponseSchema } from './messages/heartbeat.js'
import { type IncrementalAlterConfigsRequest, type IncrementalAlterConfigsResponse, IncrementalAlterConfigsRequestSchema, IncrementalAlterConfigsResponseSchema } from './messages/incremental-alter-configs.js'
import { type InitProducerIdRequest, type InitProducerIdResponse, InitProducerIdRequestSchema, InitProducerIdResponseSchema } from './messages/init-producer-id.js'
import { type JoinGroupRequest, type JoinGroupResponse, JoinGroupRequestSchema, JoinGroupResponseSchema } from './messages/join-group.js'
import { type LeaveGroupRequest, type LeaveGroupResponse, LeaveGroupRequestSchema, LeaveGroupResponseSchema } from './messages/leave-group.js'
import { type ListGroupsRequest, type ListGroupsResponse, ListGroupsRequestSchema, ListGroupsResponseSchema } from './messages/list-groups.js'
import { type ListOffsetsRequest, type ListOffsetsResponse, ListOffsetsRequestSchema, ListOffsetsResponseSchema } from './messages/list-offsets.js'
import { type MetadataRequest, type MetadataResponse, MetadataRequestSchema, MetadataResponseSchema } from './messages/metadata.js'
import { type OffsetCommitRequest, type OffsetCommitResponse, OffsetCommitRequestSchema, OffsetCommitResponseSchema } from './messages/offset-commit.js'
import { type OffsetFetchRequest, type OffsetFetchResponse, OffsetFetchRequestSchema, OffsetFetchResponseSchema } from './messages/offset-fetch.js'
import { type ProduceRequest, type ProduceResponse, ProduceRequestSchema, ProduceResponseSchema } from './messages/produce.js'
import { type SyncGroupRequest, type SyncGroupResponse, SyncGroupRequestSchema, SyncGroupResponseSchema } from './messages/sync-group.js'
import { type TxnOffsetCommitRequest, type TxnOffsetCommitResponse, TxnOffsetCommitRequestSchema, TxnOffsetCommitResponseSchema } from './messages/txn-offset-commit.js'
import type { Reader } from './primitives/reader.js'
import type { Writer } from './primitives/writer.js'
import { decodeMessage } from './schema/decode.js'
import { encodeMessage } from './schema/encode.js'
import type { Encodable, MessageSchema } from './schema/message-schema.js'

/** Request and response body types per API key. */
export interface ApiMessages {
  0: { request: ProduceRequest; response: ProduceResponse }
  1: { request: FetchRequest; response: FetchResponse }
  2: { request: ListOffsetsRequest; response: ListOffsetsResponse }
  3: { request: MetadataRequest; response: MetadataResponse }
  8: { request: OffsetCommitRequest; response: OffsetCommitResponse }
  9: { request: OffsetFetchRequest; response: OffsetFetchResponse }
  10: { request: FindCoordinatorRequest; response: FindCoordinatorResponse }
  11: { request: JoinGroupRequest; response: JoinGroupResponse }
  12: { request: HeartbeatRequest; response: HeartbeatResponse }
  13: { request: LeaveGroupRequest; response: LeaveGroupResponse }
  14: { request: SyncGroupRequest; response: SyncGroupResponse }
  15: { request: DescribeGroupsRequest; response: DescribeGroupsResponse }
  16: { request: ListGroupsRequest; response: ListGroupsResponse }
  18: { request: ApiVersionsRequest; response: ApiVersionsResponse }
  19: { request: CreateTopicsRequest; response: CreateTopicsResponse }
  20: { request: DeleteTopicsRequest; response: DeleteTopicsResponse }
  21: { request: DeleteRecordsRequest; response: DeleteRecordsResponse }
  22: { request: InitProducerIdRequest; response: InitProducerIdResponse }
  24: { request: AddPartitionsToTxnRequest; response: AddPartitionsToTxnResponse }
  25: { request: AddOffsetsToTxnRequest; response: AddOffsetsToTxnResponse }
  26: { request: EndTxnRequest; response: EndTxnResponse }
  28: { request: TxnOffsetCommitRequest; response: TxnOffsetCommitResponse }
  32: { request: DescribeConfigsRequest; response: DescribeConfigsResponse }
  33: { request: AlterConfigsRequest; response: AlterConfigsResponse }
  37: { request: CreatePartitionsRequest; response: CreatePartitionsResponse }
  42: { request: DeleteGroupsRequest; response: DeleteGroupsResponse }
  44: { request: IncrementalAlterConfigsRequest; response: IncrementalAlterConfigsResponse }
}

/** Request body type of API key `K`. */
export type RequestOf<K extends ApiKeyNumber> = ApiMessages[K]['request']
/** Response body type of API key `K`. */
export type ResponseOf<K extends ApiKeyNumber> = ApiMessages[K]['response']

/** Everything the server needs to know about one API. */
export interface ApiDefinition<K extends ApiKeyNumber = ApiKeyNumber> {
  /** API key. */
  readonly apiKey: K
  /** API name (`'Fetch'`). */
  readonly name: ApiName
  /** Lowest advertised version (always 0, see protocol.md §1.1 on librdkafka feature checks). */
  readonly minVersion: number
  /** Highest advertised version. */
  readonly maxVersion: number
  /** Kafka's first flexible version of this API (may be above `maxVersion`). */
  readonly flexibleFrom: number
  /** Request body schema. */
  readonly requestSchema: MessageSchema<RequestOf<K>>
  /** Response body schema. */
  readonly responseSchema: MessageSchema<ResponseOf<K>>
}

function def<K extends ApiKeyNumber>(
  name: ApiName,
  maxVersion: number,
  requestSchema: MessageSchema<RequestOf<K>>,
  responseSchema: MessageSchema<ResponseOf<K>>,
): ApiDefinition<K> {
  return Object.freeze({
    apiKey: ApiKey[name] as K,
    name,
    minVersion: 0,
    maxVersion,
    flexibleFrom: requestSchema.flexibleVersions.min,
    requestSchema,
    responseSchema,
  })
}

/** Every API the broker advertises, in API-key order (ranges: protocol.md §1.3 "Advertise"). */
export const API_DEFINITIONS: readonly ApiDefinition[] = [
  def<0>('Produce', 7, ProduceRequestSchema, ProduceResponseSchema),
  def<1>('Fetch', 11, FetchRequestSchema, FetchResponseSchema),
  def<2>('ListOffsets', 2, ListOffsetsRequestSchema, ListOffsetsResponseSchema),
  def<3>('Metadata', 4, MetadataRequestSchema, MetadataResponseSchema),
  def<8>('OffsetCommit', 5, OffsetCommitRequestSchema, OffsetCommitResponseSchema),
  def<9>('OffsetFetch', 4, OffsetFetchRequestSchema, OffsetFetchResponseSchema),
  def<10>('FindCoordinator', 2, FindCoordinatorRequestSchema, FindCoordinatorResponseSchema),
  def<11>('JoinGroup', 5, JoinGroupRequestSchema, JoinGroupResponseSchema),
  def<12>('Heartbeat', 3, HeartbeatRequestSchema, HeartbeatResponseSchema),
  def<13>('LeaveGroup', 1, LeaveGroupRequestSchema, LeaveGroupResponseSchema),
  def<14>('SyncGroup', 3, SyncGroupRequestSchema, SyncGroupResponseSchema),
  def<15>('DescribeGroups', 2, DescribeGroupsRequestSchema, DescribeGroupsResponseSchema),
  def<16>('ListGroups', 2, ListGroupsRequestSchema, ListGroupsResponseSchema),
  def<18>('ApiVersions', 3, ApiVersionsRequestSchema, ApiVersionsResponseSchema),
  def<19>('CreateTopics', 3, CreateTopicsRequestSchema, CreateTopicsResponseSchema),
  def<20>('DeleteTopics', 1, DeleteTopicsRequestSchema, DeleteTopicsResponseSchema),
  def<21>('DeleteRecords', 1, DeleteRecordsRequestSchema, DeleteRecordsResponseSchema),
  def<22>('InitProducerId', 1, InitProducerIdRequestSchema, InitProducerIdResponseSchema),
  def<24>('AddPartitionsToTxn', 1, AddPartitionsToTxnRequestSchema, AddPartitionsToTxnResponseSchema),
  def<25>('AddOffsetsToTxn', 1, AddOffsetsToTxnRequestSchema, AddOffsetsToTxnResponseSchema),
  def<26>('EndTxn', 1, EndTxnRequestSchema, EndTxnResponseSchema),
  def<28>('TxnOffsetCommit', 1, TxnOffsetCommitRequestSchema, TxnOffsetCommitResponseSchema),
  def<32>('DescribeConfigs', 1, DescribeConfigsRequestSchema, DescribeConfigsResponseSchema),
  def<33>('AlterConfigs', 1, AlterConfigsRequestSchema, AlterConfigsResponseSchema),
  def<37>('CreatePartitions', 1, CreatePartitionsRequestSchema, CreatePartitionsResponseSchema),
  def<42>('DeleteGroups', 1, DeleteGroupsRequestSchema, DeleteGroupsResponseSchema),
  def<44>('IncrementalAlterConfigs', 1, IncrementalAlterConfigsRequestSchema, IncrementalAlterConfigsResponseSchema),
]

const BY_KEY: (ApiDefinition | undefined)[] = []
for (const d of API_DEFINITIONS) BY_KEY[d.apiKey] = d

/** The definition of `apiKey`, or undefined when the broker does not implement that API. */
export function apiDefinition<K extends ApiKeyNumber>(apiKey: K): ApiDefinition<K>
export function apiDefinition(apiKey: number): ApiDefinition | undefined
export function apiDefinition(apiKey: number): ApiDefinition | undefined {
  return apiKey >= 0 ? BY_KEY[apiKey] : undefined
}

/** True when the broker implements `apiKey` at `apiVersion` (within the advertised range). */
export function isVersionSupported(apiKey: number, apiVersion: number): boolean {
  const d = apiDefinition(apiKey)
  return d !== undefined && apiVersion >= d.minVersion && apiVersion <= d.maxVersion
}

/** One entry of the ApiVersions response. */
export interface ApiVersionsEntry {
  /** API key. */
  readonly apiKey: number
  /** Lowest supported version. */
  readonly minVersion: number
  /** Highest supported version. */
  readonly maxVersion: number
}

const ENTRIES: readonly ApiVersionsEntry[] = Object.freeze(
  API_DEFINITIONS.map((d) => Object.freeze({ apiKey: d.apiKey, minVersion: d.minVersion, maxVersion: d.maxVersion })),
)

/** The `apiKeys` list of the ApiVersions response: every implemented API once, in key order (shared, frozen). */
export function apiVersionsEntries(): readonly ApiVersionsEntry[] {
  return ENTRIES
}

/**
 * Request header version for (apiKey, apiVersion): 2 for flexible versions (including
 * ApiVersions v3+), else 1. Unknown keys get 1.
 */
export function requestHeaderVersion(apiKey: number, apiVersion: number): 1 | 2 {
  const d = apiDefinition(apiKey)
  return d !== undefined && apiVersion >= d.flexibleFrom ? 2 : 1
}

/**
 * Response header version for (apiKey, apiVersion): 1 for flexible versions, else 0; ApiVersions
 * responses always use 0 (tagged fields are only supported in its body, not its header).
 */
export function responseHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 {
  if (apiKey === ApiKey.ApiVersions) return 0
  const d = apiDefinition(apiKey)
  return d !== undefined && apiVersion >= d.flexibleFrom ? 1 : 0
}

/**
 * Decodes the request body of `apiKey` at `apiVersion`.
 *
 * @throws UnsupportedVersionError when the key/version is not advertised
 * @throws ProtocolDecodeError (with field path) on malformed bytes
 */
export function decodeRequestBody<K extends ApiKeyNumber>(apiKey: K, apiVersion: number, input: Reader | Buffer): RequestOf<K> {
  const d = supported(apiKey, apiVersion)
  return decodeMessage(d.requestSchema, apiVersion, input)
}

/**
 * Encodes the response body of `apiKey` at `apiVersion` into `writer` (new if omitted).
 *
 * @throws UnsupportedVersionError when the key/version is not advertised
 * @throws ProtocolEncodeError (with field path) when a value cannot be encoded
 */
export function encodeResponseBody<K extends ApiKeyNumber>(
  apiKey: K,
  apiVersion: number,
  value: Encodable<ResponseOf<K>>,
  writer?: Writer,
): Writer {
  const d = supported(apiKey, apiVersion)
  return encodeMessage(d.responseSchema, apiVersion, value, writer)
}

/** Encodes a request body (used by tests and tools that talk to a broker). */
export function encodeRequestBody<K extends ApiKeyNumber>(
  apiKey: K,
  apiVersion: number,
  value: Encodable<RequestOf<K>>,
  writer?: Writer,
): Writer {
  const d = supported(apiKey, apiVersion)
  return encodeMessage(d.requestSchema, apiVersion, value, writer)
}

/** Decodes a response body (used by tests and tools that talk to a broker). */
export function decodeResponseBody<K extends ApiKeyNumber>(apiKey: K, apiVersion: number, input: Reader | Buffer): ResponseOf<K> {
  const d = supported(apiKey, apiVersion)
  return decodeMessage(d.responseSchema, apiVersion, input)
}

function supported<K extends ApiKeyNumber>(apiKey: K, apiVersion: number): ApiDefinition<K> {
  const d = apiDefinition(apiKey)
  if (d === undefined || apiVersion < d.minVersion || apiVersion > d.maxVersion) {
    throw new UnsupportedVersionError(apiKey, apiVersion)
  }
  return d
}
