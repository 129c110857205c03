/** A task: one sub-topology applied to one partition number of its (co-partitioned) inputs. */
export class TaskId {
  constructor(
    readonly subtopology: number,
    readonly partition: number,
  ) {}

  /** Kafka's text form, `<subtopology>_<partition>`, e.g. `0_1`. */
  toString(): string {
    return `${this.subtopology}_${this.partition}`
  }

  static parse(text: string): TaskId {
    const m = /^(\d+)_(\d+)$/.exec(text)
    if (!m) throw new RangeError(`Not a task id: ${text}`)
    return new TaskId(Number(m[1]), Number(m[2]))
  }

  equals(other: TaskId): boolean {
    return this.subtopology === other.subtopology && this.partition === other.partition
  }
}
