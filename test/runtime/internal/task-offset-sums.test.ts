import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readOffsetSums, writeOffsetSum } from '../../../src/runtime/internal/task-offset-sums.js'
import { tempDir } from '../../helpers/temp-dir.js'

describe('task offset sums', () => {
  it('reads back the sums recorded in task directories and ignores other entries', async () => {
    const dir = await tempDir()
    try {
      for (const t of ['0_0', '1_3', '2_1']) mkdirSync(join(dir.path, t))
      mkdirSync(join(dir.path, 'global'))
      await writeOffsetSum(dir.path, '0_0', 42)
      await writeOffsetSum(dir.path, '1_3', 0)
      writeFileSync(join(dir.path, '2_1', '.offset-sum'), 'garbage')
      expect([...readOffsetSums(dir.path)].sort()).toEqual([
        ['0_0', 42],
        ['1_3', 0],
      ])
      expect(readOffsetSums(join(dir.path, 'missing')).size).toBe(0)
    } finally {
      await dir.cleanup()
    }
  })
})
