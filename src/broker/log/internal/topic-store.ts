import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../../../logging/index.js'
import { topicNameError } from '../topic-name.js'
import { syncDirectory, writeFileAtomic } from './atomic-file.js'

/** The persisted description of a topic (`<dataDir>/<topic>/topic.json`). */
export interface TopicRecord {
  readonly name: string
  readonly topicId: string
  readonly partitions: number
  readonly isInternal: boolean
  /** Topic-level config overrides. */
  readonly configs: Readonly<Record<string, string>>
}

const TOPIC_FILE = 'topic.json'
/** Renamed-away directories of deleted topics carry this prefix ('~' is illegal in topic names). */
const TRASH_PREFIX = '~deleted-'

/**
 * Where topics live on disk: one directory per topic holding `topic.json` (written atomically;
 * the topic exists exactly when this file does) and one sub-directory per partition with its
 * segments. In memory mode (no data dir) it stores nothing.
 */
export class TopicStore {
  private readonly dataDir: string | undefined
  private readonly logger: Logger

  constructor(dataDir: string | undefined, logger: Logger) {
    this.dataDir = dataDir
    this.logger = logger
  }

  /** Reads every topic from the data dir; removes leftovers of interrupted deletions. */
  load(): TopicRecord[] {
    const dir = this.dataDir
    if (dir === undefined) return []
    mkdirSync(dir, { recursive: true })
    const topics: TopicRecord[] = []
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (name.startsWith(TRASH_PREFIX)) {
        rmSync(path, { recursive: true, force: true })
        continue
      }
      if (topicNameError(name) !== undefined || !statSync(path).isDirectory()) continue
      const file = join(path, TOPIC_FILE)
      if (!existsSync(file)) {
        this.logger.warn({ dir: path }, 'Ignoring a topic directory without topic.json (an interrupted create or delete)')
        continue
      }
      try {
        topics.push(parseRecord(JSON.parse(readFileSync(file, 'utf8')), name))
      } catch (err) {
        this.logger.error({ err, file }, 'Ignoring an unreadable topic.json')
      }
    }
    return topics
  }

  /** The directory of a partition's segments, or undefined in memory mode. */
  partitionDir(topic: string, partition: number): string | undefined {
    return this.dataDir === undefined ? undefined : join(this.dataDir, topic, String(partition))
  }

  /** Creates a new topic's directory, clearing a stale one left by an interrupted create/delete. */
  prepareNew(topic: string): void {
    if (this.dataDir === undefined) return
    const dir = join(this.dataDir, topic)
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
  }

  /** Persists a topic's description atomically (create, add partitions, alter configs). */
  save(record: TopicRecord): void {
    if (this.dataDir === undefined) return
    writeFileAtomic(join(this.dataDir, record.name, TOPIC_FILE), `${JSON.stringify(record, null, 2)}\n`)
  }

  /**
   * Deletes a topic's files: `topic.json` goes first (from then on the topic does not exist),
   * then the directory is renamed away and removed. A crash in between leaves a directory that
   * the next `load` ignores or removes.
   */
  remove(topic: string): void {
    if (this.dataDir === undefined) return
    const dir = join(this.dataDir, topic)
    unlinkSync(join(dir, TOPIC_FILE))
    syncDirectory(dir)
    const trash = join(this.dataDir, `${TRASH_PREFIX}${randomUUID()}`)
    renameSync(dir, trash)
    rmSync(trash, { recursive: true, force: true })
  }
}

function parseRecord(raw: unknown, dirName: string): TopicRecord {
  if (typeof raw !== 'object' || raw === null) throw new Error('not an object')
  const r = raw as Record<string, unknown>
  const configs = r['configs']
  if (
    r['name'] !== dirName ||
    typeof r['topicId'] !== 'string' ||
    typeof r['partitions'] !== 'number' ||
    !Number.isInteger(r['partitions']) ||
    typeof r['isInternal'] !== 'boolean' ||
    typeof configs !== 'object' ||
    configs === null ||
    Object.values(configs).some((v) => typeof v !== 'string')
  ) {
    throw new Error('malformed topic record')
  }
  return {
    name: dirName,
    topicId: r['topicId'],
    partitions: r['partitions'],
    isInternal: r['isInternal'],
    configs: configs as Record<string, string>,
  }
}
