import type { z } from 'zod'
import type { ConfigIssue } from '../config-error.js'

/**
 * Turns zod issues into `ConfigIssue`s whose messages name the accepted values. Unknown keys
 * list the keys the schema accepts, so a typo shows the right spelling next to it.
 */
export function toConfigIssues(error: z.ZodError, acceptedKeys: readonly string[]): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') {
      for (const unknown of issue.keys) {
        issues.push({
          key: key ? `${key}.${unknown}` : unknown,
          message: `unknown key; accepted keys are ${acceptedKeys.join(', ')}`,
        })
      }
      continue
    }
    const shown = 'input' in issue && issue.input !== undefined && (typeof issue.input !== 'object' || issue.input === null)
    const got = shown ? ` (got ${describe(issue.input)})` : ''
    issues.push({ key, message: `${issue.message}${got}` })
  }
  return issues
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : typeof value
}
