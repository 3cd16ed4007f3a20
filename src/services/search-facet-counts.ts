// Category facets of a search: how many of a query's matches each category holds. SQL joins every match to its
// document to learn its category and sorts them to group; for a common word at 100,000 prompts that was a
// fifth of a search. Instead the index hands over the matching ids in one text, and each document's category
// is looked up in a table read from the index once per generation. While writes keep the generation moving,
// the table is re-read as reload-spacing.ts allows, and the SQL count answers meanwhile, so counts are always
// those of the index as it is.
import type { DocumentCategories, SearchRepository } from '../repositories/search-repository.js'
import { reloadDue, type ReadTiming } from './reload-spacing.js'

/** Re-reading a table that reads faster than this is always fine. */
const CHEAP_RELOAD_MS = 5

export class SearchFacetCounts {
  private loaded: (DocumentCategories & ReadTiming) | undefined

  constructor (private readonly repository: SearchRepository) {}

  /** categoryId → how many prompts matching expression (and holding tag) it holds. */
  counts (expression: string, tag: string | null): Map<number, number> {
    const categories = tag === null ? this.currentCategories() : undefined
    if (categories === undefined) return new Map(this.repository.categoryCounts(expression, tag))
    const counts = new Map<number, number>()
    for (const docId of this.repository.matchingDocIds(expression)) {
      const categoryId = categories[docId]
      if (categoryId !== undefined && categoryId !== 0) counts.set(categoryId, (counts.get(categoryId) ?? 0) + 1)
    }
    return counts
  }

  /** The table of document categories when it is that of the index's current generation. */
  private currentCategories (): Int32Array | undefined {
    const generation = this.repository.generation()
    const loaded = this.loaded
    if (loaded?.generation === generation) return loaded.categories
    if (!reloadDue(loaded, CHEAP_RELOAD_MS)) return undefined
    const started = performance.now()
    const read = this.repository.documentCategories()
    const loadedAt = performance.now()
    this.loaded = { ...read, loadedAt, loadMs: loadedAt - started }
    return read.generation === generation ? read.categories : undefined
  }
}
