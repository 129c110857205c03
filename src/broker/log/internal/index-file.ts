import { closeSync, constants, fsyncSync, openSync, writeSync } from 'node:fs'

/** Writes `buf` at `position` of the file at `path` (created when missing), opening it for this call only. */
export function writeAt(path: string, buf: Buffer, position: number): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT, 0o644)
  try {
    let done = 0
    while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, position + done)
  } finally {
    closeSync(fd)
  }
}

/** fsyncs the file at `path` (opened for this call only). */
export function fsyncPath(path: string): void {
  const fd = openSync(path, constants.O_RDONLY)
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
