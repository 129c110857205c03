/* eslint-disable */
// placeholder
export class SessionWindowedKStreamImpl<K, V> {
  constructor(..._args: unknown[]) {
    throw new Error('not implemented yet')
  }
  cogroup(..._args: unknown[]): never { throw new Error('x') }
  count(): never { throw new Error('x') }
  reduce(): never { throw new Error('x') }
  aggregate(): never { throw new Error('x') }
  emitStrategy(): never { throw new Error('x') }
  declare readonly _k?: K
  declare readonly _v?: V
}
