import { tempDir } from '../../../helpers/temp-dir.js'
import { PartitionLog, type PartitionLogOptions } from '../../../../src/broker/log/partition-log.js'
import { type LogConfig, validateTopicConfig } from '../../../../src/broker/log/topic-config.js'

/** A parsed topic config from overrides (throws on invalid ones). */
export function config(overrides: Record<string, string> = {}): LogConfig {
  const result = validateTopicConfig(overrides)
  if (!result.ok) throw new Error(result.message)
  return result.config
}

/** Opens partition logs in one storage mode and cleans up after the test. */
export interface LogFixture {
  readonly mode: 'memory' | 'file'
  open(options?: Partial<PartitionLogOptions>): PartitionLog
  /** Closes and reopens (file mode: a restart; memory mode: returns the same log). */
  reopen(log: PartitionLog, options?: Partial<PartitionLogOptions>): PartitionLog
  cleanup(): Promise<void>
}

/** A fixture for `mode`; file mode uses a fresh temp directory. */
export async function logFixture(mode: 'memory' | 'file'): Promise<LogFixture> {
  const dir = mode === 'file' ? await tempDir('tributary-log-') : undefined
  const opened: PartitionLog[] = []
  const base = (options: Partial<PartitionLogOptions>): PartitionLogOptions => ({
    topic: 't',
    partition: 0,
    ...(dir ? { dir: `${dir.path}/t-0` } : {}),
    ...options,
  })
  return {
    mode,
    open(options = {}) {
      const log = PartitionLog.open(base(options))
      opened.push(log)
      return log
    },
    reopen(log, options = {}) {
      if (mode === 'memory') return log
      log.close()
      const again = PartitionLog.open(base(options))
      opened.push(again)
      return again
    },
    async cleanup() {
      for (const log of opened) log.close()
      await dir?.cleanup()
    },
  }
}
