import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'

const root = resolve(import.meta.dirname, '..', '..')
let bundled: Promise<string> | undefined

/**
 * Compiles the CLI (src/cli/main.ts and everything it imports) into one ES module, as
 * `npm run build` + `bin/tributary.js` would run it, without building the whole package. The
 * file lives under node_modules/.cache so its external imports (pino, zod) resolve.
 */
export function bundleCli(): Promise<string> {
  bundled ??= (async () => {
    const dir = join(root, 'node_modules', '.cache', 'tributary-test')
    mkdirSync(dir, { recursive: true })
    removeStaleBundles(dir)
    const outfile = join(dir, `cli-${process.pid}.mjs`)
    process.once('exit', () => rmSync(outfile, { force: true }))
    await build({
      stdin: {
        contents: "import { runCli } from './src/cli/main.ts'\nprocess.exitCode = await runCli(process.argv.slice(2))\n",
        resolveDir: root,
        sourcefile: 'tributary-cli.ts',
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    })
    return outfile
  })()
  return bundled
}

/** Deletes bundles left by test processes that no longer run (a killed worker skips its exit hook). */
function removeStaleBundles(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = Number(/^cli-(\d+)\.mjs$/.exec(name)?.[1])
    if (!Number.isInteger(pid) || pid === process.pid) continue
    try {
      process.kill(pid, 0)
    } catch {
      rmSync(join(dir, name), { force: true })
    }
  }
}

/** A `tributary` CLI child process with its output collected. */
export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams
  readonly stdout: () => string
  readonly stderr: () => string
  /** Resolves with the exit code (or the signal name) when the process ends. */
  readonly exited: Promise<number | string>
}

/** Runs the bundled CLI with `args` in a child process. */
export async function runCliProcess(args: readonly string[]): Promise<CliProcess> {
  const cli = await bundleCli()
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, TRIBUTARY_LOG_LEVEL: 'warn' } })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | string>((resolveExit) => child.on('exit', (code, signal) => resolveExit(code ?? signal ?? -1)))
  return { child, stdout: () => out, stderr: () => err, exited }
}

/** Waits (bounded) for the broker's "listening on host:port" line and returns the port. */
export async function listeningPort(proc: CliProcess, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const m = /tributary broker listening on [^\s:]+:(\d+)/.exec(proc.stdout())
    if (m) return Number(m[1])
    if (proc.child.exitCode !== null) throw new Error(`broker exited (${proc.child.exitCode}): ${proc.stderr()}`)
    if (Date.now() > deadline) throw new Error(`broker did not start: ${proc.stdout()} ${proc.stderr()}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
