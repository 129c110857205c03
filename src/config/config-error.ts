/**
 * The error every configuration parser in tributary throws. Its message lists each bad key with
 * what was wrong and what is accepted; `issues` carries the same facts as data.
 */
export class ConfigError extends Error {
  /** Stable code for programmatic handling. */
  readonly code = 'KS_ERR_CONFIG_INVALID'
  /** Never retriable: the configuration must be fixed. */
  readonly retriable = false
  /** One entry per invalid key: its dotted path (`port`, `log.segmentBytes`) and the problem. */
  readonly issues: readonly ConfigIssue[]

  constructor(what: string, issues: readonly ConfigIssue[], options: { cause?: unknown } = {}) {
    super(
      `Invalid ${what}: ${issues.map((i) => (i.key ? `${i.key}: ${i.message}` : i.message)).join('; ')}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.name = 'ConfigError'
    this.issues = issues
  }
}

/** One problem found in a configuration object. `key` is empty when the whole object is wrong. */
export interface ConfigIssue {
  readonly key: string
  readonly message: string
}
