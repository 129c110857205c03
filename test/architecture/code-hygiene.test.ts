/** Style rules a reviewer would otherwise have to catch: logging, skipped tests, `any`. */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..', '..')

function listTs(dir: string): string[] {
  let out: string[] = []
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return out
  }
  for (const e of entries) {
    const p = join(dir, e)
    if (statSync(p).isDirectory()) out = out.concat(listTs(p))
    else if (p.endsWith('.ts')) out.push(p)
  }
  return out
}

const library = ['processor-api', 'state-stores', 'dsl', 'src'].flatMap((d) => listTs(join(root, d)))

describe('code hygiene', () => {
  it('library code logs through the Logger, never console.* (only src/cli may print)', () => {
    const offenders = library
      .filter((f) => !relative(root, f).startsWith('src/cli/'))
      .filter((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          // Doc comments may show application code that prints; only code lines count.
          .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
          .some((line) => /\bconsole\.(log|info|warn|error|debug)\(/.test(line)),
      )
      .map((f) => relative(root, f))
    expect(offenders).toEqual([])
  })

  it('library code has no explicit `any`', () => {
    const offenders: string[] = []
    for (const f of library) {
      const lines = readFileSync(f, 'utf8').split('\n')
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '').replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '')
        if (/(:\s*any\b|<any>|\bas any\b|any\[\])/.test(code)) offenders.push(`${relative(root, f)}:${i + 1}`)
      })
    }
    expect(offenders).toEqual([])
  })

  it('no test is focused or skipped', () => {
    const offenders = listTs(join(root, 'test'))
      .filter((f) => !f.endsWith('code-hygiene.test.ts'))
      .filter((f) => /\b(it|describe|test)\.(only|skip|todo|skipIf|runIf)\(|\b(xit|xdescribe|fit|fdescribe)\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
    expect(offenders).toEqual([])
  })
})
