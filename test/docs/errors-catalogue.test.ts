/** docs/reference/errors.md and the error codes in the source must list the same codes. */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..', '..')
const codePattern = /['"]((?:KS|KB|BROKER|CLI)_ERR_[A-Z0-9_]+|COORDINATOR_(?:ILLEGAL_STATE|STORAGE_FAILED))['"]/g

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e)
    return statSync(p).isDirectory() ? listTs(p) : p.endsWith('.ts') ? [p] : []
  })
}

const sourceCodes = new Set(
  ['processor-api', 'state-stores', 'dsl', 'src']
    .flatMap((d) => listTs(join(root, d)))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(codePattern)].map((m) => m[1]!)),
)
const doc = readFileSync(join(root, 'docs', 'reference', 'errors.md'), 'utf8')
const documentedCodes = new Set([...doc.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]!))

describe('error catalogue', () => {
  it('documents every error code the source uses', () => {
    expect([...sourceCodes].filter((c) => !documentedCodes.has(c)).sort()).toEqual([])
  })

  it('documents no code the source no longer uses', () => {
    expect([...documentedCodes].filter((c) => !sourceCodes.has(c)).sort()).toEqual([])
  })

  it('finds codes on both sides', () => {
    expect(sourceCodes.size).toBeGreaterThan(20)
    expect(documentedCodes.size).toBe(sourceCodes.size)
  })
})
