/**
 * Windowed page views: views keyed by user, valued by page, counted per page in tumbling
 * one-minute windows (late views accepted for 10 s); each update goes to `page-view-counts`
 * keyed by `<page>@<window start>`.
 */
import { KeyValue, Serdes } from '../../processor-api/index.js'
import { Consumed, Grouped, Materialized, Produced, TimeWindows, type StreamsBuilder } from '../../dsl/index.js'

export const PAGE_VIEWS_TOPIC = 'page-views'
export const PAGE_VIEW_COUNTS_TOPIC = 'page-view-counts'
export const WINDOW_MS = 60_000
export const GRACE_MS = 10_000

/** Adds the windowed page-view count topology to `builder`. */
export function buildTopology(builder: StreamsBuilder): void {
  builder
    .stream<string, string>(PAGE_VIEWS_TOPIC, Consumed.with(Serdes.String(), Serdes.String()))
    .groupBy((_user, page) => page, Grouped.with(Serdes.String(), Serdes.String()))
    .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW_MS, GRACE_MS))
    .count(Materialized.as<string, number>('page-views-per-minute'))
    .toStream()
    .map((windowed, count) => KeyValue.pair(`${windowed.key}@${windowed.window.start}`, count))
    .to(PAGE_VIEW_COUNTS_TOPIC, Produced.with(Serdes.String(), Serdes.Long()))
}
