import type { Headers } from '../../../processor-api/headers.js'
import type { ManualClock } from '../../../processor-api/time.js'
import type { Logger } from '../../logging/index.js'
import { TopologyError } from '../../../processor-api/errors.js'
import type { StreamTask } from '../../runtime/task/stream-task.js'
import type { GlobalStateUpdateTask } from '../../runtime/task/global-state-update-task.js'
import type { ProcessorTopology } from '../../runtime/task/processor-topology.js'
import { NoSuchElementError } from '../errors.js'
import type { CapturedRecord, DriverCollector } from './driver-collector.js'

interface OutputQueue {
  readonly records: (CapturedRecord | undefined)[]
  read: number
}

/**
 * What the TopologyTestDriver does with its one task (0_0, every topic partition 0) and its
 * global task, as Kafka's driver: process → punctuate on stream time → commit → capture outputs
 * (feeding records of input topics back in), while the task is processable. Each procedure is a
 * generator of steps (see `runSteps`), so it completes synchronously unless something returns a
 * Promise.
 */
export class DriverRunner {
  private readonly inputTopics: ReadonlySet<string>
  private readonly inputPatterns: readonly RegExp[]
  private readonly sinkTopics: ReadonlySet<string>
  private readonly globalTopics: ReadonlySet<string>
  private readonly inputOffsets = new Map<string, number>()
  private readonly outputs = new Map<string, OutputQueue>()

  constructor(
    private readonly task: StreamTask | null,
    private readonly globalTask: GlobalStateUpdateTask | null,
    topology: ProcessorTopology,
    private readonly collector: DriverCollector,
    private readonly clock: ManualClock,
    private readonly logger: Logger,
  ) {
    this.inputTopics = new Set(topology.sourceTopics)
    this.inputPatterns = topology.sourcePatterns
    this.sinkTopics = new Set(topology.sinkTopics)
    this.globalTopics = new Set(globalTask?.topics() ?? [])
  }

  /** True when a source of the task reads `topic` (by name or pattern). */
  isTaskInput(topic: string): boolean {
    if (this.task === null) return false
    if (this.inputTopics.has(topic)) return true
    return this.inputPatterns.some((p) => fullMatch(p, topic))
  }

  isGlobalInput(topic: string): boolean {
    return this.globalTopics.has(topic)
  }

  /** Every topic written so far, in order of first write. */
  producedTopicNames(): Set<string> {
    return new Set(this.outputs.keys())
  }

  /**
   * Consumes the next unread record of an output topic.
   * @throws NoSuchElementError when the topic was never written or every record was read.
   */
  readOutput(topic: string): CapturedRecord {
    const q = this.outputs.get(topic)
    if (q === undefined) throw new NoSuchElementError(`Uninitialized topic: ${topic}`, { topic })
    const r = q.records[q.read]
    if (r === undefined) throw new NoSuchElementError(`Empty topic: ${topic}`, { topic })
    q.records[q.read] = undefined
    q.read++
    return r
  }

  /** Number of unread records of an output topic (0, with a warning, for an unknown topic). */
  outputSize(topic: string): number {
    const q = this.outputs.get(topic)
    if (q !== undefined) return q.records.length - q.read
    if (!this.sinkTopics.has(topic)) {
      this.logger.warn(
        { topic },
        'Unrecognized topic: this can occur if dynamic routing is used and no output has been sent to this topic yet',
      )
    }
    return 0
  }

  *initializeSteps(): Generator<unknown, void, unknown> {
    if (this.globalTask !== null) yield this.globalTask.initialize()
    const task = this.task
    if (task !== null) {
      yield task.initializeStateStores()
      yield task.completeRestoration()
      for (const tp of task.inputPartitions) task.updateLag(tp.topic, tp.partition, 0)
    }
  }

  /** Kafka's `pipeRecord`: enqueue and process everything processable, and/or update global stores. */
  *pipeSteps(topic: string, key: Buffer | null, value: Buffer | null, timestamp: number, headers: Headers): Generator<unknown, void, unknown> {
    if (this.isTaskInput(topic)) {
      this.enqueue(topic, key, value, timestamp, headers)
      yield* this.completeAllProcessableWork()
    }
    if (this.globalTopics.has(topic)) yield* this.updateGlobal(topic, key, value, timestamp, headers)
  }

  /** Kafka's `advanceWallClockTime`: move the clock, fire wall-clock punctuators, commit, process. */
  *advanceSteps(advanceMs: number): Generator<unknown, void, unknown> {
    this.clock.advance(advanceMs)
    const task = this.task
    if (task !== null) {
      yield task.maybePunctuateSystemTime()
      yield task.prepareCommit()
    }
    yield* this.completeAllProcessableWork()
  }

  /** The final flush of `close()`: what caches still hold is emitted and captured. */
  *flushSteps(): Generator<unknown, void, unknown> {
    const task = this.task
    if (task === null || task.taskState !== 'running') return
    yield task.prepareCommit()
    yield* this.captureSteps()
  }

  /** Kafka's `completeAllProcessableWork`: process → punctuate → commit → capture outputs, while processable. */
  private *completeAllProcessableWork(): Generator<unknown, void, unknown> {
    yield* this.captureSteps()
    const task = this.task
    if (task === null) return
    for (const tp of task.inputPartitions) task.updateLag(tp.topic, tp.partition, 0)
    while (task.hasRecordsQueued() && task.isProcessable(this.clock.nowMs())) {
      yield task.process(this.clock.nowMs())
      yield task.maybePunctuateStreamTime()
      yield task.prepareCommit()
      yield* this.captureSteps()
    }
    if (task.hasRecordsQueued()) {
      this.logger.info(
        'Due to the maxTaskIdleMs configuration, some records cannot be processed yet. Advancing wall-clock ' +
          'time or piping records to the empty topics will allow more processing.',
      )
    }
  }

  /** Moves newly produced records to the output topics; feeds those of input and global topics back in. */
  private *captureSteps(): Generator<unknown, void, unknown> {
    while (this.collector.hasFresh()) {
      for (const c of this.collector.takeFresh()) {
        let q = this.outputs.get(c.topic)
        if (q === undefined) {
          q = { records: [], read: 0 }
          this.outputs.set(c.topic, q)
        }
        q.records.push(c)
        const r = c.record
        if (this.isTaskInput(c.topic)) this.enqueue(c.topic, r.key, r.value, r.timestamp, r.headers)
        if (this.globalTopics.has(c.topic)) yield* this.updateGlobal(c.topic, r.key, r.value, r.timestamp, r.headers)
      }
    }
  }

  private *updateGlobal(
    topic: string,
    key: Buffer | null,
    value: Buffer | null,
    timestamp: number,
    headers: Headers,
  ): Generator<unknown, void, unknown> {
    const offset = this.nextInputOffset(topic)
    yield this.globalTask!.update(topic, 0, { key, value, timestamp, offset, headers })
    this.globalTask!.flushState()
  }

  private enqueue(topic: string, key: Buffer | null, value: Buffer | null, timestamp: number, headers: Headers): void {
    const task = this.task!
    this.validateSourceTopicNameRegexPattern(topic)
    if (!this.inputTopics.has(topic) && !task.inputPartitions.some((tp) => tp.topic === topic)) {
      task.addInputPartitions([{ topic, partition: 0 }])
      task.updateLag(topic, 0, 0)
    }
    task.addRecords(topic, 0, [{ key, value, timestamp, offset: this.nextInputOffset(topic), headers }])
  }

  private nextInputOffset(topic: string): number {
    const offset = this.inputOffsets.get(topic) ?? 0
    this.inputOffsets.set(topic, offset + 1)
    return offset
  }

  /**
   * Kafka's driver reads every named source topic as a regular expression too, and refuses a
   * record for another topic that such a name matches (checked before "Unknown topic").
   * @throws TopologyError naming both topics.
   */
  validateSourceTopicNameRegexPattern(topic: string): void {
    for (const named of this.inputTopics) {
      if (named === topic) continue
      let re: RegExp
      try {
        re = new RegExp(named)
      } catch {
        continue // not a valid regular expression: it can only match itself
      }
      if (fullMatch(re, topic)) {
        throw new TopologyError(
          `Topology add source of type String for topic: ${named} cannot contain regex pattern for input record ` +
            `topic: ${topic} and hence cannot process the message.`,
          { nodeName: topic },
        )
      }
    }
  }
}

function fullMatch(pattern: RegExp, text: string): boolean {
  const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''))
  const m = re.exec(text)
  return m !== null && m.index === 0 && m[0].length === text.length
}
