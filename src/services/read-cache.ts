// Serialized read responses, kept until the store changes. Reads vastly outnumber writes, and a cached
// body skips the query, the JSON parsing of rows and the serialization.
// Freshness: writes through this process call invalidate(); commits by any other process (a second
// instance on the same file, the CLI) change SQLite's data_version, which every lookup checks.
export interface CachedRead {
  /** The serialized JSON body. */
  body: string
  etag?: string
  /** The prompt version a body shows (GET /v1/prompts/:id). */
  version?: number
  /** Renders counted in the database when the body was built (shown live, not cached). */
  renderCount?: number
}

export class ReadCache {
  private readonly entries = new Map<string, CachedRead>()
  private seenDataVersion: number

  constructor (
    private readonly dataVersion: () => number,
    /** Called when another process has committed: whatever this process derived from the store is stale. */
    private readonly onExternalChange: () => void,
    private readonly maxEntries = 5000
  ) {
    this.seenDataVersion = dataVersion()
  }

  get (key: string): CachedRead | undefined {
    const version = this.dataVersion()
    if (version !== this.seenDataVersion) {
      this.seenDataVersion = version
      this.entries.clear()
      this.onExternalChange()
      return undefined
    }
    return this.entries.get(key)
  }

  set (key: string, entry: CachedRead): void {
    // Drop the oldest entry when full: Map keeps insertion order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!)
    this.entries.set(key, entry)
  }

  invalidate (): void {
    this.entries.clear()
  }
}
