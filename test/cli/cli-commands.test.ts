import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'
import { testIo } from './helpers/cli-test-io.js'

const COMMANDS = ['broker', 'run', 'demo', 'topics', 'produce', 'consume', 'describe']

describe('tributary commands', () => {
  it('lists every command in --help', async () => {
    const io = testIo()
    expect(await runCli(['--help'], io)).toBe(0)
    const listed = io.outLines.join('\n').split('\n').filter((l) => /^ {2}\w/.test(l)).map((l) => l.trim().split(/\s+/)[0])
    expect(listed).toEqual(COMMANDS)
  })

  it('prints each command usage for --help and exits 0', async () => {
    for (const name of COMMANDS) {
      const io = testIo()
      expect(await runCli([name, '--help'], io), name).toBe(0)
      expect(io.outLines.join('\n')).toMatch(new RegExp(`^Usage: tributary ${name}\\b`))
    }
  })

  it('exits 2 for an unknown flag of each new command', async () => {
    for (const name of COMMANDS.slice(1)) {
      const io = testIo()
      expect(await runCli([name, '--no-such-flag'], io), name).toBe(2)
      expect(io.errLines[0]).toBe(`tributary ${name}: Unknown option '--no-such-flag'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--no-such-flag"`)
    }
  })

  it('exits 2 naming the flag for bad demo values', async () => {
    const cases: [string[], string][] = [
      [['demo', '--duration', 'soon'], 'tributary demo: --duration: expected a positive number (got "soon")'],
      [['demo', '--rate', '0'], 'tributary demo: --rate: expected an integer from 1 to 1000000 (got "0")'],
      [['demo', '--processing-guarantee', 'exactly_once'], 'tributary demo: --processing-guarantee: expected one of exactly_once_v2, at_least_once (got "exactly_once")'],
      [['demo', 'extra'], "tributary demo: unexpected argument 'extra'"],
    ]
    for (const [args, message] of cases) {
      const io = testIo()
      expect(await runCli(args, io), args.join(' ')).toBe(2)
      expect(io.errLines[0]).toBe(message)
    }
  })
})
