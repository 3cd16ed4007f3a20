// Serialized read responses, kept until the store changes. Reads vastly outnumber writes, and a cached
// body skips the query, the JSON parsing of rows and the serialization. Library decides freshness:
// it empties the cache on its own writes and when another process has committed.
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
  private characters = 0
  /** Lookups answered from the cache, and not, since start (shown by /metrics). */
  hits = 0
  misses = 0

  /** Bounded both in entries and in the characters of the bodies held, whatever keys clients make up. */
  constructor (private readonly maxEntries = 5000, private readonly maxCharacters = 32 * 1024 * 1024) {}

  get (key: string): CachedRead | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) this.misses++
    else this.hits++
    return entry
  }

  set (key: string, entry: CachedRead): void {
    if (entry.body.length > this.maxCharacters / 4) return
    this.delete(key)
    // Drop the oldest entries when full: Map keeps insertion order.
    while (this.entries.size >= this.maxEntries || this.characters + entry.body.length > this.maxCharacters) {
      this.delete(this.entries.keys().next().value!)
    }
    this.entries.set(key, entry)
    this.characters += entry.body.length
  }

  invalidate (): void {
    this.entries.clear()
    this.characters = 0
  }

  /** Drops the bodies that show a stored render count, which has just changed. */
  invalidateRenderCounts (): void {
    for (const [key, entry] of this.entries) if (entry.renderCount !== undefined) this.delete(key)
  }

  private delete (key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.characters -= entry.body.length
  }
}
