/**
 * The peer library of the peer-comparison benchmark lives in its own npm package,
 * test/bench/peer (package.json + lock), so tributary's dependencies stay as they are. CI installs
 * it (`npm install --prefix test/bench/peer`); the benchmark installs it on first use otherwise.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './broker-child.js'

/** The peer package directory. */
export const PEER_DIR = join(ROOT, 'test', 'bench', 'peer')

/** Installs the peer package when `kafka-streams` is missing from its node_modules; throws when npm fails. */
export function ensurePeerInstalled(): void {
  if (existsSync(join(PEER_DIR, 'node_modules', 'kafka-streams', 'package.json'))) return
  process.stderr.write('peer bench: installing test/bench/peer (npm install --prefix test/bench/peer)\n')
  const run = spawnSync('npm', ['install', '--prefix', PEER_DIR, '--no-audit', '--no-fund'], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 })
  if (run.status !== 0 || !existsSync(join(PEER_DIR, 'node_modules', 'kafka-streams', 'package.json'))) {
    throw new Error(`npm install --prefix test/bench/peer failed (${run.status ?? run.signal}): ${`${run.stdout}${run.stderr}`.slice(-2000)}`)
  }
}

/** The installed version of a package of the peer package (`kafka-streams`, `kafkajs`...), or 'unknown'. */
export function peerPackageVersion(name: string): string {
  const run = spawnSync(process.execPath, ['-p', `require('${name}/package.json').version`], { cwd: PEER_DIR, encoding: 'utf8' })
  return run.status === 0 ? run.stdout.trim() : 'unknown'
}
