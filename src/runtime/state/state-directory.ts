import { closeSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { StateDirectoryLockedError } from '../errors.js'

const LOCK_FILE = '.lock'

/** Lock files held by any StateDirectory of this process (two drivers may share a state dir). */
const heldInProcess = new Set<string>()

/**
 * Kafka's `StateDirectory`: the on-disk layout `<stateDir>/<applicationId>/<taskId>/` (and
 * `<stateDir>/<applicationId>/global/` for global stores), one directory per task holding its
 * persistent stores, each guarded by a lock file (`.lock`, holding the owner's pid) so two
 * instances never open the same task's stores. A lock left by a dead process is taken over.
 */
export class StateDirectory {
  private readonly held = new Set<string>()

  constructor(
    readonly baseDir: string,
    readonly applicationId: string,
  ) {}

  /** `<stateDir>/<applicationId>`. */
  get appDir(): string {
    return join(this.baseDir, this.applicationId)
  }

  /** The directory of a task (`0_1`) or of the global stores (`global`); created if missing. */
  directoryFor(taskId: string): string {
    const dir = join(this.appDir, taskId)
    mkdirSync(dir, { recursive: true })
    return dir
  }

  /**
   * Locks a task's directory for this instance.
   * @throws StateDirectoryLockedError when this instance or another live process holds it.
   */
  lock(taskId: string): void {
    const dir = this.directoryFor(taskId)
    const path = join(dir, LOCK_FILE)
    if (this.held.has(taskId) || heldInProcess.has(path)) throw new StateDirectoryLockedError(dir)
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx')
        try {
          writeSync(fd, String(process.pid))
        } finally {
          closeSync(fd)
        }
        this.held.add(taskId)
        heldInProcess.add(path)
        return
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
        if (!isStale(path)) throw new StateDirectoryLockedError(dir, { cause: err })
        try {
          unlinkSync(path)
        } catch {
          // Someone else removed it first; try again.
        }
      }
    }
    throw new StateDirectoryLockedError(dir)
  }

  /** Releases a lock taken by `lock`; does nothing when not held. */
  unlock(taskId: string): void {
    if (!this.held.delete(taskId)) return
    const path = join(this.appDir, taskId, LOCK_FILE)
    heldInProcess.delete(path)
    try {
      unlinkSync(path)
    } catch {
      // Already gone (e.g. the directory was cleaned).
    }
  }

  /** True when this instance holds the lock of `taskId`. */
  isLocked(taskId: string): boolean {
    return this.held.has(taskId)
  }

  /** Removes `<stateDir>/<applicationId>` and everything in it (the test driver's close). */
  clean(): void {
    for (const taskId of this.held) heldInProcess.delete(join(this.appDir, taskId, LOCK_FILE))
    this.held.clear()
    rmSync(this.appDir, { recursive: true, force: true })
  }
}

/** A lock file is stale when the pid it names is not a live process (our own pid: no live lock of ours, checked before). */
function isStale(path: string): boolean {
  let pid: number
  try {
    pid = Number.parseInt(readFileSync(path, 'utf8'), 10)
  } catch {
    return false
  }
  if (!Number.isInteger(pid) || pid <= 0) return true
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return false
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
