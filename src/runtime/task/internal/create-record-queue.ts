import type { Logger } from '../../../logging/index.js'
import { TaskProcessingError, UnknownTopicError } from '../../errors.js'
import type { TopicPartition } from '../raw-record.js'
import { handleDeserializationFailure } from './handle-deserialization-failure.js'
import type { ProcessingState } from './processing-state.js'
import { RecordQueue } from './record-queue.js'
import type { SourceNode } from './source-node.js'

/**
 * The queue of one input partition, bound to the source that reads its topic, with the task's
 * deserialization-failure and extractor-failure handling.
 * @throws UnknownTopicError when no source reads the topic.
 */
export function createRecordQueue(tp: TopicPartition, sources: readonly SourceNode[], state: ProcessingState, logger: Logger): RecordQueue {
  const idText = state.taskIdText
  const source = sources.find((s) => s.reads(tp.topic))
  if (source === undefined) {
    throw new UnknownTopicError(`Task ${idText} has no source for input topic ${tp.topic}`, { topic: tp.topic })
  }
  return new RecordQueue(
    tp.topic,
    tp.partition,
    source,
    (queue, raw, error) => handleDeserializationFailure(state, queue, raw, error, logger),
    (queue, error) =>
      new TaskProcessingError(
        `Fatal user code error in TimestampExtractor callback for record at topic ${queue.topic}, ` +
          `partition ${queue.partition} (task ${idText}): ${error instanceof Error ? error.message : String(error)}`,
        { taskId: idText, processorName: queue.source.name, topic: queue.topic, partition: queue.partition, offset: null, cause: error },
      ),
    logger,
  )
}
