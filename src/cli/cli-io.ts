/**
 * The outside world as the CLI sees it, so commands can run in tests without a real process:
 * where text goes and how a foreground command learns it should stop.
 */
export interface CliIo {
  /** Writes a line (a newline is added) to standard output. */
  readonly out: (line: string) => void
  /** Writes a line (a newline is added) to standard error. */
  readonly err: (line: string) => void
  /** Settles with the signal name when the process is asked to stop (SIGINT, SIGTERM). */
  readonly stopSignal: () => Promise<string>
}

/** The real process: stdout, stderr and SIGINT/SIGTERM. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stopSignal: () =>
    new Promise((resolve) => {
      const onSignal = (signal: string): void => {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
        resolve(signal)
      }
      process.on('SIGINT', onSignal)
      process.on('SIGTERM', onSignal)
    }),
}
