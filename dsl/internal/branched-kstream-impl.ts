import type { BranchedKStream } from '../branched-kstream.js'
import { requireArgument } from '../errors.js'
import type { Predicate } from '../functions.js'
import type { KStream } from '../kstream.js'
import type { Branched } from '../options/branched.js'
import { ProcessorGraphNode } from './graph/processor-graph-node.js'
import { ProcessorParameters } from './graph/processor-parameters.js'
import type { KStreamImpl } from './kstream-impl.js'
import { orElseGenerateWithPrefix } from './name-provider.js'
import { KStreamBranch } from './processors/kstream-branch.js'
import { PassThrough } from './processors/pass-through.js'

const BRANCH_NAME = 'KSTREAM-BRANCH-'

/** `KStream.split()` (Kafka's `BranchedKStreamImpl`): a splitter node plus one pass-through per branch. */
export class BranchedKStreamImpl<K, V> implements BranchedKStream<K, V> {
  private readonly splitterName: string
  private readonly predicates: Predicate<K, V>[] = []
  private readonly childNames: string[] = []
  private readonly outputBranches = new Map<string, KStream<K, V>>()
  private readonly splitterNode: ProcessorGraphNode

  constructor(
    private readonly source: KStreamImpl<K, V>,
    name: string | undefined,
  ) {
    this.splitterName = orElseGenerateWithPrefix(name, source.builder, BRANCH_NAME)
    const supplier = new KStreamBranch<K, V>(this.predicates, this.childNames)
    this.splitterNode = new ProcessorGraphNode(this.splitterName, new ProcessorParameters(supplier as ProcessorParameters['supplier'], this.splitterName))
    source.builder.addGraphNode(source.graphNode, this.splitterNode)
  }

  branch(predicate: Predicate<K, V>, branched?: Branched<K, V>): BranchedKStream<K, V> {
    this.predicates.push(requireArgument(predicate, 'predicate'))
    this.createBranch(branched, this.predicates.length)
    return this
  }

  defaultBranch(branched?: Branched<K, V>): Map<string, KStream<K, V>> {
    this.createBranch(branched, 0)
    return this.outputBranches
  }

  noDefaultBranch(): Map<string, KStream<K, V>> {
    return this.outputBranches
  }

  private createBranch(branched: Branched<K, V> | undefined, index: number): void {
    const childName = this.splitterName + (branched?.name ?? String(index))
    this.childNames.push(childName)
    this.source.builder.newProcessorName(childName)
    const node = new ProcessorGraphNode(childName, new ProcessorParameters(new PassThrough() as ProcessorParameters['supplier'], childName))
    this.source.builder.addGraphNode(this.splitterNode, node)
    const s = this.source
    const branch = s.builder.create.kstream<K, V>(childName, s.keySerde, s.valueSerde, s.subTopologySourceNodes, s.repartitionRequired, node, s.builder)
    if (branched?.chainFunction !== undefined) {
      const transformed = branched.chainFunction(branch)
      if (transformed !== null && transformed !== undefined) this.outputBranches.set(childName, transformed)
    } else if (branched?.chainConsumer !== undefined) {
      branched.chainConsumer(branch)
    } else {
      this.outputBranches.set(childName, branch)
    }
  }
}
