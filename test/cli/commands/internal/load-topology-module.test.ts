import { describe, expect, it } from 'vitest'
import { applicationIdFromPath, loadTopologyModule, TopologyModuleError } from '../../../../src/cli/commands/internal/load-topology-module.js'

describe('loadTopologyModule', () => {
  it('takes a default-exported Topology as is', async () => {
    const m = await loadTopologyModule('test/cli/fixtures/topology-instance-module.mjs')
    expect(m.topology.describe().toString()).toContain('Source: in-source (topics: [in])')
    expect(m.config).toEqual({})
    expect(m.defaultApplicationId).toBe('topology-instance-module')
    expect(m.path).toMatch(/test\/cli\/fixtures\/topology-instance-module\.mjs$/)
  })

  it('calls a default-exported function with a StreamsBuilder and uses the Topology it returns', async () => {
    const m = await loadTopologyModule('test/cli/fixtures/returns-topology-module.mjs')
    expect(m.topology.describe().toString()).toContain('Sink: KSTREAM-SINK-0000000001 (topic: b)')
  })

  it('builds the builder when the function returns nothing, and reads the config export', async () => {
    const m = await loadTopologyModule('test/cli/fixtures/word-count-module.mjs')
    expect(m.topology.describe().subtopologies).toHaveLength(2)
    expect(m.config).toEqual({ applicationId: 'word-count-cli', commitIntervalMs: 100, pollMs: 20 })
  })

  it('rejects a config export that is not an object', async () => {
    await expect(loadTopologyModule('test/cli/fixtures/bad-config-module.mjs')).rejects.toThrow(/the named export config must be an object/)
  })

  it('rejects TypeScript sources with a TopologyModuleError (code CLI_ERR_TOPOLOGY_MODULE)', async () => {
    const err = await loadTopologyModule('src/index.mts').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TopologyModuleError)
    expect((err as TopologyModuleError).code).toBe('CLI_ERR_TOPOLOGY_MODULE')
  })

  it('derives a legal application id from the file name', () => {
    expect(applicationIdFromPath('/x/orders app (v2).js')).toBe('orders-app--v2-')
    expect(applicationIdFromPath('/x/word-count.mjs')).toBe('word-count')
  })
})
