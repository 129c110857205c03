/**
 * Page views by region, after Kafka's `PageViewRegionExample`: each page view (keyed by user)
 * looks up the user's region in the `user-regions` table (a stream-table left join; unknown
 * users count as `UNKNOWN`), views are re-keyed by region and counted in `views-per-region`;
 * counts go to `page-views-by-region`.
 */
import { KeyValue, Serdes } from '../../processor-api/index.js'
import { Consumed, Grouped, Produced, type StreamsBuilder } from '../../dsl/index.js'

export const PAGE_VIEWS_TOPIC = 'page-views'
export const USER_REGIONS_TOPIC = 'user-regions'
export const OUTPUT_TOPIC = 'page-views-by-region'

/** A page view enriched with the viewer's region. */
export interface RegionalView {
  readonly user: string
  readonly page: string
  readonly region: string
}

/** Adds the page-view-region topology to `builder`. */
export function buildTopology(builder: StreamsBuilder): void {
  const views = builder.stream<string, string>(PAGE_VIEWS_TOPIC, Consumed.with(Serdes.String(), Serdes.String()))
  const regions = builder.table<string, string>(USER_REGIONS_TOPIC, Consumed.with(Serdes.String(), Serdes.String()))
  views
    .leftJoin(regions, (page, region, user): RegionalView => ({ user, page, region: region ?? 'UNKNOWN' }))
    .map((_user, view) => KeyValue.pair(view.region, view))
    .groupByKey(Grouped.with(Serdes.String(), Serdes.JSON<RegionalView>()))
    .count({ materialized: 'views-per-region' })
    .toStream()
    .to(OUTPUT_TOPIC, Produced.with(Serdes.String(), Serdes.Long()))
}
