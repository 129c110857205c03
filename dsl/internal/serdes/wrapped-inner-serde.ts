import { StreamsError } from '../../../processor-api/errors.js'
import type { Serde } from '../../../processor-api/serde/serde.js'
import type { DefaultSerdeBinding } from './default-serde-binding.js'

/**
 * Holds the inner serde of a wrapper: the user's, or the application default for keys or values
 * once bound.
 */
export class WrappedInnerSerde<T> implements DefaultSerdeBinding {
  private inner: Serde<T> | undefined

  constructor(
    inner: Serde<T> | undefined,
    private readonly role: 'key' | 'value',
  ) {
    this.inner = inner
  }

  bindDefaults(defaultKeySerde: Serde<unknown> | null, defaultValueSerde: Serde<unknown> | null): void {
    if (this.inner !== undefined) return
    const d = this.role === 'key' ? defaultKeySerde : defaultValueSerde
    if (d !== null) this.inner = d as Serde<T>
  }

  get(): Serde<T> {
    const inner = this.inner
    if (inner === undefined) {
      throw new StreamsError(
        'KS_ERR_SERDE_MISSING',
        `No ${this.role} serde: set one on the operation or configure a default ${this.role} serde`,
      )
    }
    return inner
  }
}
