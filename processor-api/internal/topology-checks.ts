/** Argument checks shared by the internal topology builder; each throws a `TopologyError` naming the node. */
import { TopologyError } from '../errors.js'
import type { ProcessorSupplier } from '../processor.js'

type AnySupplier = ProcessorSupplier<unknown, unknown, unknown, unknown>

/** A node name must be a non-empty string. */
export function checkName(name: string, what: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new TopologyError(`${what} name must be a non-empty string`)
}

/** The error for a topic that another source already reads. */
export function alreadyRegistered(nodeName: string, topic: string): TopologyError {
  return new TopologyError(`Topic ${topic} has already been registered by another source.`, { nodeName })
}

/** Kafka's `ApiUtils.checkSupplier`: a supplier must return a new processor on every call. */
export function checkSupplier(name: string, supplier: AnySupplier): void {
  const first = supplier()
  const second = supplier()
  if (first === second) {
    // Kafka names the supplier's class; a JavaScript supplier is a function, named or not.
    const supplierName = supplier.name.length > 0 ? supplier.name : `ProcessorSupplier(${name})`
    throw new TopologyError(
      `${supplierName} generates single reference. ${supplierName}#get() must return a new object each time it is called.`,
      { nodeName: name },
    )
  }
}
