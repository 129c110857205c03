/**
 * Word count, as Kafka's `WordCountDemo`: split lines into words, count each word, and write
 * every count update to `streams-wordcount-output`.
 */
import { Serdes } from '../../processor-api/index.js'
import { Consumed, Produced, type StreamsBuilder } from '../../dsl/index.js'

export const INPUT_TOPIC = 'streams-plaintext-input'
export const OUTPUT_TOPIC = 'streams-wordcount-output'

/** Adds the word-count topology to `builder`. */
export function buildTopology(builder: StreamsBuilder): void {
  builder
    .stream<string | null, string>(INPUT_TOPIC, Consumed.with(Serdes.String(), Serdes.String()))
    .flatMapValues((line) => line.toLowerCase().split(/\W+/).filter((w) => w.length > 0))
    .groupBy((_key, word) => word, { keySerde: Serdes.String(), valueSerde: Serdes.String() })
    .count({ materialized: 'counts-store' })
    .toStream()
    .to(OUTPUT_TOPIC, Produced.with(Serdes.String(), Serdes.Long()))
}
