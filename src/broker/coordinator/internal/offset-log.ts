import { join } from 'node:path'
import type { Logger } from '../../../logging/index.js'
import { FramedAppendLog, type FramedLogLoad } from '../../internal/framed-append-log.js'
import { CoordinatorStorageError } from '../errors.js'
import { crc32 } from '../../protocol/primitives/crc32.js'

/** The file inside `<dataDir>/__consumer_offsets/`. */
export const OFFSET_LOG_FILE = 'coordinator.log'

/** Options of the on-disk offsets log. */
export interface OffsetLogOptions {
  /** Rewrite the file once it is larger than this and 4x its last compacted size. Default 4 MiB (bounds load time). */
  readonly compactionMinBytes?: number
  /** fsync after every append (default false: written to the fd, surviving a process crash). */
  readonly fsync?: boolean
}

/** What loading found. */
export type OffsetLogLoad = FramedLogLoad

/** The group coordinator's log: frames are `[len u32][crc32 u32][payload]` (CRC-32 as zlib), at most 256 MiB each. */
export type OffsetLog = FramedAppendLog

/** Opens (creating) `<dir>/coordinator.log`, returning the log and every intact record payload. */
export function openOffsetLog(dir: string, logger: Logger, options: OffsetLogOptions = {}): { log: OffsetLog; load: OffsetLogLoad } {
  const fsync = options.fsync ?? false
  return FramedAppendLog.open(dir, join(dir, OFFSET_LOG_FILE), logger, {
    name: 'offsets log',
    checksum: crc32,
    maxFrameBytes: 256 * 1024 * 1024,
    compactionMinBytes: options.compactionMinBytes ?? 4 * 1024 * 1024,
    fsyncOnAppend: fsync,
    fsyncOnClose: fsync,
    storageError: (message, cause) => new CoordinatorStorageError(message, { cause }),
  })
}
