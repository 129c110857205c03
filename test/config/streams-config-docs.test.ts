import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { streamsConfigKeys } from '../../src/config/index.js'

describe('docs/reference/config.md', () => {
  it('documents every KafkaStreams configuration key and no key that does not exist', () => {
    const page = readFileSync(new URL('../../docs/reference/config.md', import.meta.url), 'utf8')
    const section = page.slice(page.indexOf('## KafkaStreams'))
    const end = section.indexOf('\n## ', 5)
    const rows = (end < 0 ? section : section.slice(0, end)).split('\n').filter((l) => l.startsWith('| `'))
    const documented = rows.map((r) => /^\| `([^`]+)`/.exec(r)![1])
    expect([...documented].sort()).toEqual([...streamsConfigKeys].sort())
  })
})
