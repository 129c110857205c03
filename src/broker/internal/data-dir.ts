import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { BrokerStateError } from '../broker-error.js'

const LOCK_FILE = '.lock'
const META_FILE = 'meta.properties'

/** Data directories locked by brokers of this process (the pid in the lock file cannot tell them apart). */
const lockedHere = new Set<string>()

/**
 * Takes the data directory for this process: creates it, then writes `<dir>/.lock` with our pid.
 * A lock left by a process that no longer runs (a crash, SIGKILL) is taken over; a lock held by
 * a live process fails, so two brokers never share one directory. Returns the release function.
 *
 * @throws BrokerStateError the directory is used by another running broker
 */
export function lockDataDir(dir: string): () => void {
  const key = resolve(dir)
  if (lockedHere.has(key)) throw new BrokerStateError(`data directory ${dir} is in use by another broker in this process`)
  mkdirSync(dir, { recursive: true })
  const path = join(dir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      lockedHere.add(key)
      let released = false
      return () => {
        if (released) return
        released = true
        lockedHere.delete(key)
        rmSync(path, { force: true })
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = Number.parseInt(readFileSync(path, 'utf8').trim(), 10)
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new BrokerStateError(`data directory ${dir} is in use by another broker (pid ${holder})`)
      }
      rmSync(path, { force: true })
    }
  }
  throw new BrokerStateError(`cannot lock data directory ${dir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The cluster id: the configured one, else the one recorded in `<dir>/meta.properties` (Kafka's
 * file and key), else a new random one (22 base64url characters, like Kafka's), recorded there.
 */
export function resolveClusterId(configured: string | undefined, dir: string | undefined): string {
  if (configured !== undefined) return configured
  if (dir === undefined) return newClusterId()
  const path = join(dir, META_FILE)
  try {
    const line = readFileSync(path, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('cluster.id='))
    if (line !== undefined) return line.slice('cluster.id='.length).trim()
  } catch {
    // No meta.properties yet: a new cluster.
  }
  const id = newClusterId()
  const tmp = `${path}.tmp`
  writeFileSync(tmp, `version=1\ncluster.id=${id}\n`)
  renameSync(tmp, path)
  return id
}

function newClusterId(): string {
  return randomBytes(16).toString('base64url')
}
