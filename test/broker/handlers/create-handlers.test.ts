import { describe, expect, it } from 'vitest'
import { parseBrokerConfig } from '../../../src/config/index.js'
import { GroupCoordinator } from '../../../src/broker/coordinator/group-coordinator.js'
import { createHandlers } from '../../../src/broker/handlers/create-handlers.js'
import type { HandlerTable, RequestContext } from '../../../src/broker/handlers/api-handler.js'
import { DelayedFetches } from '../../../src/broker/handlers/internal/delayed-fetches.js'
import { LogManagerCatalog } from '../../../src/broker/handlers/internal/log-manager-catalog.js'
import { ProducerIdAllocator } from '../../../src/broker/handlers/internal/producer-id-allocator.js'
import { acceptAllProducers } from '../../../src/broker/handlers/producer-state-check.js'
import { noTransactions } from '../../../src/broker/handlers/read-isolation.js'
import { LogManager } from '../../../src/broker/log/log-manager.js'
import { silentLogger } from '../../../src/logging/index.js'

const context: RequestContext = {
  apiKey: 18,
  apiVersion: 2,
  correlationId: 1,
  clientId: 'test',
  connection: { id: 1, remoteAddress: '127.0.0.1', remotePort: 1, closed: new Promise(() => {}), isClosed: false, onClose: () => () => {} },
}

function table(extra: HandlerTable = {}): HandlerTable {
  const logs = LogManager.open({})
  const groups = new GroupCoordinator({})
  groups.startup()
  return createHandlers(
    {
      config: parseBrokerConfig({}),
      node: () => ({ nodeId: 0, host: '127.0.0.1', port: 9092 }),
      clusterId: 'c',
      catalog: new LogManagerCatalog(logs),
      groups,
      fetches: new DelayedFetches(),
      producerIds: new ProducerIdAllocator(undefined),
      producerState: acceptAllProducers,
      isolation: noTransactions,
      logger: silentLogger,
    },
    extra,
  )
}

async function advertised(handlers: HandlerTable): Promise<number[]> {
  const body = await handlers[18]!.handle({ clientSoftwareName: '', clientSoftwareVersion: '' }, context)
  if (typeof body !== 'object' || body === null || !('apiKeys' in body)) throw new Error('no ApiVersions body')
  return (body.apiKeys ?? []).map((k) => k!.apiKey!)
}

describe('createHandlers', () => {
  it('advertises exactly the API keys it has handlers for', async () => {
    const handlers = table()
    const keys = await advertised(handlers)
    expect(keys).toEqual(Object.keys(handlers).map(Number).sort((a, b) => a - b))
    for (const required of [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 22, 32, 33, 37, 42, 44]) expect(keys).toContain(required)
  })

  it('advertises an API once an extra handler serves it', async () => {
    const handlers = table({ 26: { apiKey: 26, handle: () => ({ errorCode: 0 }) } })
    expect(await advertised(handlers)).toContain(26)
  })
})
