import type { Processor } from '../../../../processor-api/processor.js'
import type { ProcessorNodeModel } from '../../../../processor-api/internal/topology-model.js'
import type { Record } from '../../../../processor-api/record.js'
import { TaskProcessingError } from '../../errors.js'
import { isPromiseLike, type MaybePromise } from './maybe-promise.js'
import { ProcessorContextImpl, type AnyRecord, type ChildNode, type ContextOwner } from './processor-context-impl.js'
import type { ProcessingState } from './processing-state.js'

/**
 * A processor of one task: its own processor instance (from the supplier) and context. A
 * Promise returned by `process` is tracked so the task awaits it before the next record.
 */
export class ProcessorNode implements ChildNode, ContextOwner {
  readonly name: string
  readonly children: ChildNode[] = []
  readonly childByName = new Map<string, ChildNode>()
  readonly storeNames: ReadonlySet<string>
  readonly context: ProcessorContextImpl
  private processor: Processor<unknown, unknown, unknown, unknown> | null = null

  constructor(
    readonly model: ProcessorNodeModel,
    private readonly state: ProcessingState,
  ) {
    this.name = model.name
    this.storeNames = new Set(model.stores)
    this.context = new ProcessorContextImpl(state, this)
  }

  addChild(child: ChildNode): void {
    this.children.push(child)
    this.childByName.set(child.name, child)
  }

  /** Creates the processor instance and calls its `init`. */
  init(): MaybePromise<void> {
    const processor = this.model.supplier()
    this.processor = processor
    if (processor.init === undefined) return
    try {
      const r = processor.init(this.context)
      if (isPromiseLike(r)) return Promise.resolve(r).then(undefined, (err: unknown) => Promise.reject(this.initError(err)))
    } catch (err) {
      throw this.initError(err)
    }
  }

  process(record: AnyRecord): void {
    let r: void | Promise<void>
    try {
      r = this.processor!.process(record as Record<unknown, unknown>)
    } catch (err) {
      const failure = this.state.processingFailure(err, this.name, record)
      if (failure === null) return
      throw failure
    }
    if (r !== undefined && isPromiseLike(r)) this.state.track(r, this.name, record)
  }

  close(): MaybePromise<void> {
    const processor = this.processor
    if (processor === null || processor.close === undefined) return
    this.processor = null
    const r = processor.close()
    if (isPromiseLike(r)) return Promise.resolve(r)
  }

  /** Kafka's `ProcessorNode.init` wrapping: every failure, the framework's own too, becomes "failed to initialize processor <name>" with the original as `cause`. */
  private initError(err: unknown): TaskProcessingError {
    return new TaskProcessingError(`failed to initialize processor ${this.name}`, {
      taskId: this.state.taskIdText,
      processorName: this.name,
      topic: null,
      partition: null,
      offset: null,
      cause: err,
    })
  }
}
