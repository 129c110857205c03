/** Kafka's longest legal topic name. */
const MAX_NAME_LENGTH = 249
const LEGAL = /^[a-zA-Z0-9._-]+$/

/** Why `name` is not a legal topic name (Kafka's `Topic.validate` messages), or null when it is. */
export function topicNameError(name: string): string | null {
  if (name.length === 0) return 'Topic name is illegal, it can\'t be empty'
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."'
  if (name.length > MAX_NAME_LENGTH) {
    return `Topic name is illegal, it can't be longer than ${MAX_NAME_LENGTH} characters, topic name: ${name}`
  }
  if (!LEGAL.test(name)) {
    return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`
  }
  return null
}
