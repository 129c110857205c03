/**
 * Child process for the crash test: appends batches to a partition log in `argv[2]` as fast as it
 * can and prints `acked <baseOffset> <lastOffset>` after every append returned. The parent kills
 * it with SIGKILL and checks that everything acknowledged survived.
 */
import { PartitionLog } from '../../../../src/broker/log/partition-log.js'
import { validateTopicConfig } from '../../../../src/broker/log/topic-config.js'
import { simpleBatch } from './batch-builder.js'

const dir = process.argv[2]
if (dir === undefined) throw new Error('usage: append-child <dir>')
const parsed = validateTopicConfig({ 'segment.bytes': '262144' })
if (!parsed.ok) throw new Error(parsed.message)
const log = PartitionLog.open({ topic: 'crash', partition: 0, dir, config: parsed.config })
let i = 0
const tick = (): void => {
  for (let k = 0; k < 50; k++) {
    const r = log.append(simpleBatch(1 + (i % 5), { tag: i % 200 }))
    i++
    process.stdout.write(`acked ${r.baseOffset} ${r.lastOffset}\n`)
  }
  setImmediate(tick)
}
tick()
