import type { ConnectionInfo } from '../../server/frame-processor.js'

/** The client host as Kafka reports it in group descriptions (`InetAddress.toString()`: `/127.0.0.1`). */
export function clientHostOf(connection: ConnectionInfo): string {
  return `/${connection.remoteAddress}`
}
