import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const FILE = 'kafka-streams-process-metadata'

/**
 * The instance's process id, as Kafka Streams keeps it: a UUID stored in
 * `<stateDir>/<applicationId>/kafka-streams-process-metadata`, so a restarted instance keeps its
 * id (and its transactional id under exactly-once, which fences its previous incarnation at once).
 */
export function loadOrCreateProcessId(appDir: string): string {
  const path = join(appDir, FILE)
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (typeof parsed === 'object' && parsed !== null) {
      const id = (parsed as { processId?: unknown }).processId
      if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return id
    }
  } catch {
    // Missing or unreadable: create a new one.
  }
  const processId = randomUUID()
  mkdirSync(appDir, { recursive: true })
  const tmp = `${path}.tmp`
  writeFileSync(tmp, JSON.stringify({ version: 1, processId }))
  renameSync(tmp, path)
  return processId
}
