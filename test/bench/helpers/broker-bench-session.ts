/**
 * One benchmark session against a broker child: a temp directory (data dir + scratch files), the
 * broker started from the CLI, both removed afterwards whatever happens. `BENCH_BROKER_CPU_PROF=<dir>`
 * runs the broker with `node --cpu-prof` and leaves the `.cpuprofile` in `<dir>`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBrokerChild, type BrokerChild } from './broker-child.js'

/** What a session body gets. */
export interface BrokerBenchSession {
  /** The running broker. */
  readonly broker: BrokerChild
  /** A scratch directory (removed afterwards). */
  readonly scratch: string
}

/** Runs `body` against a fresh broker child; stops it and removes every temp file afterwards. */
export async function withBrokerChild<T>(name: string, body: (session: BrokerBenchSession) => Promise<T>): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), `tributary-bench-${name}-`))
  const cpuProfDir = process.env['BENCH_BROKER_CPU_PROF']
  try {
    const broker = await startBrokerChild({ dataDir: join(root, 'data'), ...(cpuProfDir ? { cpuProfDir } : {}) })
    try {
      return await body({ broker, scratch: root })
    } finally {
      await broker.stop()
      const warnings = broker.stderr().trim()
      if (warnings !== '') process.stderr.write(`broker stderr:\n${warnings.split('\n').slice(-20).join('\n')}\n`)
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
