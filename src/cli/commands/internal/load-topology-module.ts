import { existsSync } from 'node:fs'
import { basename, extname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { StreamsBuilder } from '../../../../dsl/index.js'
import type { Topology } from '../../../../processor-api/topology.js'

/** A module given to `tributary run` or `tributary describe` could not provide a topology. */
export class TopologyModuleError extends Error {
  /** Stable error code. */
  readonly code = 'CLI_ERR_TOPOLOGY_MODULE'
  override readonly name = 'TopologyModuleError'
}

/** What a topology module provides. */
export interface LoadedTopologyModule {
  /** Absolute path of the module. */
  readonly path: string
  readonly topology: Topology
  /** The module's named `config` export (streams settings), or an empty object. */
  readonly config: { readonly [key: string]: unknown }
  /** The application id derived from the file name (`orders-app.js` → `orders-app`). */
  readonly defaultApplicationId: string
}

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts', '.tsx'])

function isTopology(value: unknown): value is Topology {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { describe?: unknown; addSource?: unknown; internalTopologyBuilder?: unknown }
  return typeof v.describe === 'function' && typeof v.addSource === 'function' && typeof v.internalTopologyBuilder === 'object'
}

function isBuilder(value: unknown): value is { build(): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { build?: unknown }).build === 'function'
}

/** `application.id` characters are `[a-zA-Z0-9._-]`; anything else in the file name becomes `-`. */
export function applicationIdFromPath(path: string): string {
  const name = basename(path, extname(path)).replace(/[^a-zA-Z0-9._-]/g, '-')
  return name.length > 0 ? name.slice(0, 249) : 'tributary-app'
}

/**
 * Imports a topology module (a path relative to `cwd`, compiled JavaScript) and gets its
 * topology from, in order: a default export that is a `Topology`; a default export function,
 * called with a fresh `StreamsBuilder`, returning a `Topology` (or a builder, or nothing: the
 * builder given is built); a named `buildTopology(builder)` function, the same way.
 * @throws TopologyModuleError for TypeScript sources, missing files, import failures and
 * modules without a usable export.
 */
export async function loadTopologyModule(specifier: string, cwd: string = process.cwd()): Promise<LoadedTopologyModule> {
  const path = resolve(cwd, specifier)
  if (TYPESCRIPT.has(extname(path))) {
    throw new TopologyModuleError(
      `${specifier} is TypeScript: compile it first (for example with \`npx tsc\` or \`npm run build\`) and pass the compiled .js file`,
    )
  }
  if (!existsSync(path)) throw new TopologyModuleError(`cannot find module ${path}`)
  let mod: { [name: string]: unknown }
  try {
    mod = (await import(pathToFileURL(path).href)) as { [name: string]: unknown }
  } catch (err) {
    throw new TopologyModuleError(`cannot import ${specifier}: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
  const topology = await topologyOf(mod, specifier)
  const config = mod['config']
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) {
    throw new TopologyModuleError(`${specifier}: the named export config must be an object of streams settings`)
  }
  return { path, topology, config: (config ?? {}) as { [key: string]: unknown }, defaultApplicationId: applicationIdFromPath(path) }
}

async function topologyOf(mod: { [name: string]: unknown }, specifier: string): Promise<Topology> {
  const candidate = mod['default'] ?? mod['buildTopology']
  if (isTopology(candidate)) return candidate
  if (typeof candidate === 'function') {
    const builder = new StreamsBuilder()
    let result: unknown
    try {
      result = await (candidate as (b: StreamsBuilder) => unknown)(builder)
    } catch (err) {
      throw new TopologyModuleError(`${specifier}: building the topology failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
    }
    if (isTopology(result)) return result
    const built = result === undefined ? builder.build() : isBuilder(result) ? result.build() : result
    if (isTopology(built)) return built
  }
  throw new TopologyModuleError(
    `${specifier} must export a Topology, or a function returning one (it receives a StreamsBuilder), as its default export ` +
      '(or a named buildTopology(builder) function)',
  )
}
