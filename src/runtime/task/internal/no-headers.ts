import { Headers } from '../../../../processor-api/headers.js'

/**
 * The headers of records that have none (changelog records logged without headers, sink output
 * of a record without headers): one shared instance, so frozen (readers only read it).
 */
export const NO_HEADERS = new Headers()
Object.freeze(NO_HEADERS)
