// The request-duration histogram of /metrics, kept in plain arrays. prom-client's Histogram hashes the label object
// and validates every label on each observation, a cost paid by every request; here a series is found by one Map
// lookup and an observation adds to two numbers and a bucket. Registered in a prom-client Registry, it is exported
// in the same text format as a prom-client Histogram.

interface Series {
  labels: Record<string, string>
  /** Observations per bucket, not cumulative; the last slot is +Inf. */
  buckets: number[]
  sum: number
  count: number
}

interface MetricValue {
  labels: Record<string, string | number>
  value: number
  metricName: string
}

export class RequestDurationHistogram {
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  private readonly series = new Map<string, Series>()

  constructor (
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    private readonly upperBounds: readonly number[]
  ) {}

  /** Records seconds under the series of these label values (in labelNames order). */
  observe (labelValues: readonly string[], seconds: number): void {
    const key = labelValues.join('\n')
    let series = this.series.get(key)
    if (series === undefined) {
      series = {
        labels: Object.fromEntries(this.labelNames.map((name, index) => [name, labelValues[index]!])),
        buckets: new Array<number>(this.upperBounds.length + 1).fill(0),
        sum: 0,
        count: 0
      }
      this.series.set(key, series)
    }
    let bucket = 0
    while (bucket < this.upperBounds.length && seconds > this.upperBounds[bucket]!) bucket++
    series.buckets[bucket]!++
    series.sum += seconds
    series.count++
  }

  /** What a prom-client Registry reads when it is scraped. */
  async get (): Promise<{ name: string, help: string, type: string, aggregator: string, values: MetricValue[] }> {
    const values: MetricValue[] = []
    for (const series of this.series.values()) {
      let cumulative = 0
      series.buckets.forEach((observed, index) => {
        cumulative += observed
        const le = index < this.upperBounds.length ? this.upperBounds[index]! : '+Inf'
        values.push({ labels: { le, ...series.labels }, value: cumulative, metricName: `${this.name}_bucket` })
      })
      values.push({ labels: series.labels, value: series.sum, metricName: `${this.name}_sum` })
      values.push({ labels: series.labels, value: series.count, metricName: `${this.name}_count` })
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values }
  }

  reset (): void {
    this.series.clear()
  }
}
