// The one cache design of promptshelf: a map bounded in entries and in weight (characters held), dropping the
// oldest entries first, and emptied whenever the store's generation moves (a write here, a commit elsewhere).
// Every cache (read views, compiled templates, current versions, API keys) is one of these, with CACHE_LIMITS.

export interface CacheLimits {
  maxEntries: number
  /** Total weight held: for text, its characters. */
  maxWeight: number
  /** An entry heavier than this is never held (default: maxWeight), so that one entry cannot empty the cache. */
  maxEntryWeight?: number
}

/** One set of limits for every cache: large enough for a store of 100,000 prompts, bounded whatever clients send. */
export const CACHE_LIMITS: Readonly<CacheLimits> = Object.freeze({ maxEntries: 100_000, maxWeight: 64 * 1024 * 1024, maxEntryWeight: 16 * 1024 * 1024 })

export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V, weight: number }>()
  private weight = 0
  private seenGeneration = Number.NaN

  constructor (
    /** Library.generation, or null for entries that never go stale (immutable versions). */
    private readonly generation: (() => number) | null,
    private readonly limits: Readonly<CacheLimits> = CACHE_LIMITS
  ) {}

  /** Lookups by get() that found an entry, and those that did not (shown by /metrics). */
  hits = 0
  misses = 0

  get (key: string): V | undefined {
    this.follow()
    const entry = this.entries.get(key)
    if (entry) this.hits++
    else this.misses++
    return entry?.value
  }

  has (key: string): boolean {
    this.follow()
    return this.entries.has(key)
  }

  get size (): number {
    return this.entries.size
  }

  set (key: string, value: V, weight = 1): void {
    this.follow()
    this.delete(key)
    if (weight > (this.limits.maxEntryWeight ?? this.limits.maxWeight)) return
    // Map keeps insertion order: the first keys are the oldest.
    while (this.entries.size >= this.limits.maxEntries || this.weight + weight > this.limits.maxWeight) {
      this.delete(this.entries.keys().next().value!)
    }
    this.entries.set(key, { value, weight })
    this.weight += weight
  }

  delete (key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.weight -= entry.weight
  }

  /** Drops the entries whose value fails keep. */
  retain (keep: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (!keep(entry.value)) this.delete(key)
  }

  clear (): void {
    this.entries.clear()
    this.weight = 0
  }

  private follow (): void {
    if (this.generation === null) return
    const generation = this.generation()
    if (generation === this.seenGeneration) return
    this.seenGeneration = generation
    this.clear()
  }
}
