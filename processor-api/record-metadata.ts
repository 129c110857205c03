/** Where the record being processed came from. Offsets are numbers on the streams side. */
export interface RecordMetadata {
  readonly topic: string
  readonly partition: number
  readonly offset: number
}
