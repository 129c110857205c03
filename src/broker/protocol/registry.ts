import { ApiKey, type ApiKeyNumber, type ApiName } from './api-key.js'
import { UnsupportedVersionError } from './errors.js'
import * as M from './messages/all.js'
import type { Reader } from './primitives/reader.js'
import type { Writer } from './primitives/writer.js'
import { decodeMessage } from './schema/decode.js'
import { encodeMessage } from './schema/encode.js'
import type { Encodable, MessageSchema } from './schema/message-schema.js'

/** Request and response body types per API key. */
export interface ApiMessages {
  0: { request: M.ProduceRequest; response: M.ProduceResponse }
  1: { request: M.FetchRequest; response: M.FetchResponse }
  2: { request: M.ListOffsetsRequest; response: M.ListOffsetsResponse }
  3: { request: M.MetadataRequest; response: M.MetadataResponse }
  8: { request: M.OffsetCommitRequest; response: M.OffsetCommitResponse }
  9: { request: M.OffsetFetchRequest; response: M.OffsetFetchResponse }
  10: { request: M.FindCoordinatorRequest; response: M.FindCoordinatorResponse }
  11: { request: M.JoinGroupRequest; response: M.JoinGroupResponse }
  12: { request: M.HeartbeatRequest; response: M.HeartbeatResponse }
  13: { request: M.LeaveGroupRequest; response: M.LeaveGroupResponse }
  14: { request: M.SyncGroupRequest; response: M.SyncGroupResponse }
  15: { request: M.DescribeGroupsRequest; response: M.DescribeGroupsResponse }
  16: { request: M.ListGroupsRequest; response: M.ListGroupsResponse }
  18: { request: M.ApiVersionsRequest; response: M.ApiVersionsResponse }
  19: { request: M.CreateTopicsRequest; response: M.CreateTopicsResponse }
  20: { request: M.DeleteTopicsRequest; response: M.DeleteTopicsResponse }
  21: { request: M.DeleteRecordsRequest; response: M.DeleteRecordsResponse }
  22: { request: M.InitProducerIdRequest; response: M.InitProducerIdResponse }
  24: { request: M.AddPartitionsToTxnRequest; response: M.AddPartitionsToTxnResponse }
  25: { request: M.AddOffsetsToTxnRequest; response: M.AddOffsetsToTxnResponse }
  26: { request: M.EndTxnRequest; response: M.EndTxnResponse }
  28: { request: M.TxnOffsetCommitRequest; response: M.TxnOffsetCommitResponse }
  32: { request: M.DescribeConfigsRequest; response: M.DescribeConfigsResponse }
  33: { request: M.AlterConfigsRequest; response: M.AlterConfigsResponse }
  37: { request: M.CreatePartitionsRequest; response: M.CreatePartitionsResponse }
  42: { request: M.DeleteGroupsRequest; response: M.DeleteGroupsResponse }
  44: { request: M.IncrementalAlterConfigsRequest; response: M.IncrementalAlterConfigsResponse }
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
  def<0>('Produce', 7, M.ProduceRequestSchema, M.ProduceResponseSchema),
  def<1>('Fetch', 11, M.FetchRequestSchema, M.FetchResponseSchema),
  def<2>('ListOffsets', 2, M.ListOffsetsRequestSchema, M.ListOffsetsResponseSchema),
  def<3>('Metadata', 4, M.MetadataRequestSchema, M.MetadataResponseSchema),
  def<8>('OffsetCommit', 5, M.OffsetCommitRequestSchema, M.OffsetCommitResponseSchema),
  def<9>('OffsetFetch', 4, M.OffsetFetchRequestSchema, M.OffsetFetchResponseSchema),
  def<10>('FindCoordinator', 2, M.FindCoordinatorRequestSchema, M.FindCoordinatorResponseSchema),
  def<11>('JoinGroup', 5, M.JoinGroupRequestSchema, M.JoinGroupResponseSchema),
  def<12>('Heartbeat', 3, M.HeartbeatRequestSchema, M.HeartbeatResponseSchema),
  def<13>('LeaveGroup', 1, M.LeaveGroupRequestSchema, M.LeaveGroupResponseSchema),
  def<14>('SyncGroup', 3, M.SyncGroupRequestSchema, M.SyncGroupResponseSchema),
  def<15>('DescribeGroups', 2, M.DescribeGroupsRequestSchema, M.DescribeGroupsResponseSchema),
  def<16>('ListGroups', 2, M.ListGroupsRequestSchema, M.ListGroupsResponseSchema),
  def<18>('ApiVersions', 3, M.ApiVersionsRequestSchema, M.ApiVersionsResponseSchema),
  def<19>('CreateTopics', 3, M.CreateTopicsRequestSchema, M.CreateTopicsResponseSchema),
  def<20>('DeleteTopics', 1, M.DeleteTopicsRequestSchema, M.DeleteTopicsResponseSchema),
  def<21>('DeleteRecords', 1, M.DeleteRecordsRequestSchema, M.DeleteRecordsResponseSchema),
  def<22>('InitProducerId', 1, M.InitProducerIdRequestSchema, M.InitProducerIdResponseSchema),
  def<24>('AddPartitionsToTxn', 1, M.AddPartitionsToTxnRequestSchema, M.AddPartitionsToTxnResponseSchema),
  def<25>('AddOffsetsToTxn', 1, M.AddOffsetsToTxnRequestSchema, M.AddOffsetsToTxnResponseSchema),
  def<26>('EndTxn', 1, M.EndTxnRequestSchema, M.EndTxnResponseSchema),
  def<28>('TxnOffsetCommit', 1, M.TxnOffsetCommitRequestSchema, M.TxnOffsetCommitResponseSchema),
  def<32>('DescribeConfigs', 1, M.DescribeConfigsRequestSchema, M.DescribeConfigsResponseSchema),
  def<33>('AlterConfigs', 1, M.AlterConfigsRequestSchema, M.AlterConfigsResponseSchema),
  def<37>('CreatePartitions', 1, M.CreatePartitionsRequestSchema, M.CreatePartitionsResponseSchema),
  def<42>('DeleteGroups', 1, M.DeleteGroupsRequestSchema, M.DeleteGroupsResponseSchema),
  def<44>('IncrementalAlterConfigs', 1, M.IncrementalAlterConfigsRequestSchema, M.IncrementalAlterConfigsResponseSchema),
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
