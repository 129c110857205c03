import {
  decodeResponseBody,
  decodeResponseHeader,
  encodeRequest,
  responseHeaderVersion,
  type ApiKeyNumber,
  type Encodable,
  type RequestOf,
  type ResponseOf,
} from '../../../src/broker/protocol/index.js'
import { RawClient } from '../server/raw-client.js'

/** A Kafka wire client for handler tests: typed requests in, decoded responses out, over real TCP. */
export class WireClient {
  private correlationId = 0
  private received = 0

  private constructor(readonly raw: RawClient) {}

  static async connect(port: number): Promise<WireClient> {
    return new WireClient(await RawClient.connect(port))
  }

  /** Sends a request without waiting; returns its correlation id. */
  send<K extends ApiKeyNumber>(apiKey: K, version: number, body: Encodable<RequestOf<K>>): number {
    const id = ++this.correlationId
    this.raw.sendRaw(encodeRequest(apiKey, version, id, 'wire-test', body))
    return id
  }

  /** Waits for the next response frame and decodes it as `apiKey`/`version`. */
  async next<K extends ApiKeyNumber>(apiKey: K, version: number, timeoutMs = 5000): Promise<{ correlationId: number; body: ResponseOf<K> }> {
    const frames = await this.raw.waitForFrames(this.received + 1, timeoutMs)
    const frame = frames[this.received]
    if (frame === undefined) throw new Error('connection closed before the response arrived')
    this.received++
    const header = decodeResponseHeader(frame, responseHeaderVersion(apiKey, version))
    return { correlationId: header.correlationId, body: decodeResponseBody(apiKey, version, frame.subarray(header.headerSize)) }
  }

  /** Sends a request and returns its decoded response (checking the correlation id). */
  async request<K extends ApiKeyNumber>(apiKey: K, version: number, body: Encodable<RequestOf<K>>): Promise<ResponseOf<K>> {
    const id = this.send(apiKey, version, body)
    const response = await this.next(apiKey, version)
    if (response.correlationId !== id) throw new Error(`correlation id ${response.correlationId}, expected ${id}`)
    return response.body
  }

  close(): void {
    this.raw.close()
  }
}
