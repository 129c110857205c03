/**
 * Figures of the broker benchmarks: medians, the run sizes, and the JSON line the bench runner
 * (`test/bench/run.mjs`) collects: `{"bench","value","unit","vs","ratio",...}`.
 */

/** True under `BENCH_SMOKE=1` (the runner's `--smoke`): tiny sizes, figures meaningless. */
export const SMOKE = Boolean(process.env['BENCH_SMOKE'])
/** Measured runs per scenario (the median is reported; `BENCH_RUNS=<n>` overrides the default 3). */
export const RUNS = SMOKE ? 1 : Number(process.env['BENCH_RUNS'] ?? 3)

/** Median of `xs` (upper median for even counts). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of no values')
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** One benchmark result line. */
export interface Figure {
  /** Scenario name (`broker-ingest-kcat`). */
  readonly bench: string
  /** Median records per second. */
  readonly value: number
  /** Every run's figure, for the record. */
  readonly runs: readonly number[]
  /** Baseline measured in the same run, if any. */
  readonly baseline?: { readonly vs: string; readonly value: number }
  /** Anything else worth keeping (client settings, sizes). */
  readonly notes?: { readonly [key: string]: string | number }
}

/** Prints the figure as one JSON line (rounded), the format the bench runner parses. */
export function emitFigure(figure: Figure): void {
  const line: { [key: string]: unknown } = { bench: figure.bench, value: Math.round(figure.value), unit: 'records/s' }
  if (figure.baseline !== undefined) {
    line['vs'] = figure.baseline.vs
    line['ratio'] = Number((figure.value / figure.baseline.value).toFixed(2))
    line['baseline'] = Math.round(figure.baseline.value)
  }
  line['runs'] = figure.runs.map((r) => Math.round(r))
  if (figure.notes !== undefined) Object.assign(line, figure.notes)
  if (SMOKE) line['smoke'] = true
  process.stdout.write(`${JSON.stringify(line)}\n`)
}
