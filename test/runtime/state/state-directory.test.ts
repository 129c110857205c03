import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StateDirectory } from '../../../src/runtime/state/state-directory.js'
import { StateDirectoryLockedError } from '../../../src/runtime/errors.js'
import { tempDir } from '../../helpers/temp-dir.js'

let dir: { path: string; cleanup: () => Promise<void> }
beforeEach(async () => {
  dir = await tempDir()
})
afterEach(async () => {
  await dir.cleanup()
})

describe('StateDirectory', () => {
  it('lays out <stateDir>/<applicationId>/<taskId> and writes a lock file with the pid', () => {
    const sd = new StateDirectory(dir.path, 'app')
    sd.lock('0_1')
    const taskDir = join(dir.path, 'app', '0_1')
    expect(sd.directoryFor('0_1')).toBe(taskDir)
    expect(readFileSync(join(taskDir, '.lock'), 'utf8')).toBe(String(process.pid))
    expect(sd.isLocked('0_1')).toBe(true)
    sd.unlock('0_1')
    expect(existsSync(join(taskDir, '.lock'))).toBe(false)
  })

  it('refuses a second lock on the same task directory, also from another instance in this process', () => {
    const a = new StateDirectory(dir.path, 'app')
    const b = new StateDirectory(dir.path, 'app')
    a.lock('0_0')
    expect(() => a.lock('0_0')).toThrow(StateDirectoryLockedError)
    expect(() => b.lock('0_0')).toThrow(StateDirectoryLockedError)
    a.unlock('0_0')
    b.lock('0_0')
    expect(b.isLocked('0_0')).toBe(true)
  })

  it('takes over a lock left by a process that no longer exists, but not one held by a live process', () => {
    const sd = new StateDirectory(dir.path, 'app')
    const lockPath = join(sd.directoryFor('0_2'), '.lock')
    writeFileSync(lockPath, '999999999')
    sd.lock('0_2')
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid))
    const lockPath3 = join(sd.directoryFor('0_3'), '.lock')
    writeFileSync(lockPath3, String(process.ppid))
    expect(() => sd.lock('0_3')).toThrow(StateDirectoryLockedError)
  })

  it('clean() removes the application directory', () => {
    const sd = new StateDirectory(dir.path, 'app')
    sd.lock('0_0')
    sd.directoryFor('global')
    sd.clean()
    expect(existsSync(join(dir.path, 'app'))).toBe(false)
  })
})
