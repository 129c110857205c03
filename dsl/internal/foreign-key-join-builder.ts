export function joinTablesOnForeignKey(..._args: unknown[]): never {
  throw new Error('not implemented yet')
}
