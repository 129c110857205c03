/** Longest legal topic name (Kafka's `Topic.MAX_NAME_LENGTH`). */
export const MAX_TOPIC_NAME_LENGTH = 249

/** The topics Kafka treats as internal (`Topic.isInternal`). */
export const INTERNAL_TOPICS: ReadonlySet<string> = new Set(['__consumer_offsets', '__transaction_state'])

const LEGAL = /^[a-zA-Z0-9._-]+$/

/**
 * Why `name` is not a legal topic name, in Kafka's words (`Topic.validate`: "Topic name is
 * invalid: ..."), or undefined when it is legal: non-empty, not `.` or `..`, at most 249
 * characters, only ASCII alphanumerics, `.`, `_` and `-`.
 */
export function topicNameError(name: string): string | undefined {
  let reason: string | undefined
  if (name.length === 0) reason = 'the empty string is not allowed'
  else if (name === '.') reason = "'.' is not allowed"
  else if (name === '..') reason = "'..' is not allowed"
  else if (name.length > MAX_TOPIC_NAME_LENGTH) reason = `the length of '${name}' is longer than the max allowed length ${MAX_TOPIC_NAME_LENGTH}`
  else if (!LEGAL.test(name)) reason = `'${name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`
  return reason === undefined ? undefined : `Topic name is invalid: ${reason}`
}

/**
 * Whether two topic names collide once `.` and `_` are unified (Kafka forbids creating such a
 * pair because their metric names would clash).
 */
export function topicNamesCollide(a: string, b: string): boolean {
  return a.replaceAll('.', '_') === b.replaceAll('.', '_')
}
