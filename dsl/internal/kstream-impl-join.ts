export function joinStreams(..._args: unknown[]): never {
  throw new Error('not implemented yet')
}
