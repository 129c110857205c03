import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Replaces `path` with `content` atomically: write a temp file, fsync it, rename it over the
 * target, fsync the directory. A crash leaves either the old or the new content, never a mix.
 */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = `${path}.tmp`
  const fd = openSync(tmp, 'w', 0o644)
  try {
    const buf = Buffer.from(content, 'utf8')
    let done = 0
    while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, path)
  syncDirectory(dirname(path))
}

/** fsyncs a directory so a rename or create in it is durable (ignored where unsupported). */
export function syncDirectory(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // some platforms cannot fsync a directory; the rename is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
