import { createWriteStream } from 'node:fs'
import type { KeyValueMapper } from '../functions.js'
import { Named } from './named.js'

/** Where `KStream.print` writes its lines. */
export interface PrintSink {
  write(line: string): void
  close?(): void
}

function stringify(x: unknown): string {
  if (x === null) return 'null'
  if (x instanceof Buffer) return `[B@${x.toString('hex')}`
  if (typeof x === 'object') return JSON.stringify(x)
  return String(x)
}

/**
 * Options for `KStream.print` (Kafka's `Printed`): a destination, an optional label (default:
 * the processor name) and a mapper (default: `key, value`). Lines read `[label]: key, value`.
 *
 * @example
 * stream.print(Printed.toSysOut<string, number>().withLabel('counts'))
 */
export class Printed<K, V> {
  readonly sink: () => PrintSink
  readonly label: string | undefined
  readonly mapper: KeyValueMapper<K, V, string>
  readonly name: string | undefined

  private constructor(sink: () => PrintSink, label: string | undefined, mapper: KeyValueMapper<K, V, string>, name: string | undefined) {
    if (name !== undefined) Named.validate(name)
    this.sink = sink
    this.label = label
    this.mapper = mapper
    this.name = name
  }

  /** Prints to the process's standard output (the user asked for it: this is the operator's job). */
  static toSysOut<K, V>(): Printed<K, V> {
    return new Printed<K, V>(() => ({ write: (line) => void process.stdout.write(line + '\n') }), undefined, (k, v) => `${stringify(k)}, ${stringify(v)}`, undefined)
  }

  /** Appends lines to a file (UTF-8), closed when the processor closes. */
  static toFile<K, V>(filePath: string): Printed<K, V> {
    return new Printed<K, V>(
      () => {
        const out = createWriteStream(filePath, { flags: 'w', encoding: 'utf8' })
        return { write: (line) => void out.write(line + '\n'), close: () => void out.end() }
      },
      undefined,
      (k, v) => `${stringify(k)}, ${stringify(v)}`,
      undefined,
    )
  }

  /** Prints to a caller-supplied sink (for tests and custom destinations). */
  static toSink<K, V>(sink: PrintSink): Printed<K, V> {
    return new Printed<K, V>(() => sink, undefined, (k, v) => `${stringify(k)}, ${stringify(v)}`, undefined)
  }

  withLabel(label: string): Printed<K, V> {
    return new Printed(this.sink, label, this.mapper, this.name)
  }

  withKeyValueMapper(mapper: KeyValueMapper<K, V, string>): Printed<K, V> {
    return new Printed(this.sink, this.label, mapper, this.name)
  }

  withName(name: string): Printed<K, V> {
    return new Printed(this.sink, this.label, this.mapper, name)
  }
}
