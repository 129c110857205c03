/**
 * Reads the topic list from a consumer-protocol subscription (JoinGroup metadata of protocol type
 * `consumer`): int16 version, then ARRAY<STRING> topics, the prefix shared by every version.
 */
export function parseSubscribedTopics(metadata: Buffer): string[] | undefined {
  if (metadata.length < 6) return undefined
  let pos = 2
  const count = metadata.readInt32BE(pos)
  pos += 4
  if (count < 0) return undefined
  const topics: string[] = []
  for (let i = 0; i < count; i++) {
    if (pos + 2 > metadata.length) return undefined
    const len = metadata.readInt16BE(pos)
    pos += 2
    if (len < 0 || pos + len > metadata.length) return undefined
    topics.push(metadata.toString('utf8', pos, pos + len))
    pos += len
  }
  return topics
}
