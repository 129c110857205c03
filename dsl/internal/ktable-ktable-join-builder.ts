export function joinTables(..._args: unknown[]): never {
  throw new Error('not implemented yet')
}
