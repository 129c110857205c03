import type { StateStore, StoreBuilder } from '../../processor-api/state-store.js'

/**
 * Creates a DSL operation's store builder when the topology is written (Kafka's `StoreFactory`),
 * so graph passes can still change it (e.g. disable logging when a source topic is reused as
 * changelog). The builder is created once: adding it twice connects more processors.
 */
export class StoreFactory {
  readonly name: string
  private loggingDisabledByPass = false
  private built: StoreBuilder<StateStore> | null = null
  private readonly create: () => StoreBuilder<StateStore>

  constructor(name: string, create: () => StoreBuilder<StateStore>) {
    this.name = name
    this.create = create
  }

  /** Turns logging off (global tables, source-topic changelog reuse). */
  withLoggingDisabled(): void {
    this.loggingDisabledByPass = true
    if (this.built !== null) this.built.withLoggingDisabled()
  }

  builder(): StoreBuilder<StateStore> {
    if (this.built === null) {
      this.built = this.create()
      if (this.loggingDisabledByPass) this.built.withLoggingDisabled()
    }
    return this.built
  }
}
