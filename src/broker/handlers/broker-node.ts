/** This broker as clients must see it: the node id and the advertised host and port. */
export interface BrokerNode {
  readonly nodeId: number
  readonly host: string
  readonly port: number
}
