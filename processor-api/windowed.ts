/** A time window [start, end) in ms. For session windows, `end` is inclusive (the last record's time). */
export interface Window {
  readonly start: number
  readonly end: number
}

/** A key within a window: the key type of windowed aggregations (Kafka's `Windowed<K>`). */
export interface Windowed<K> {
  readonly key: K
  readonly window: Window
}
