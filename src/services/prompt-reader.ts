// Every read of prompts: listing a page, searching, finding one prompt (its current version, a version or a
// label), and the category and tag lists. Answers are views held in a bounded cache until the store's
// generation moves: reads vastly outnumber writes, and people repeat queries. A render count changes between
// writes, so it is never cached: a found prompt gets the count the store held when it was read, plus the renders
// this process has counted since beyond those already written then.
import { decodeCursor, encodeCursor } from '../domain/cursor.js'
import { BadRequestError, NotFoundError } from '../domain/errors.js'
import type { PromptRow } from '../repositories/prompt-repository.js'
import type { PromptView } from '../schemas/prompt.js'
import { BoundedCache } from './bounded-cache.js'
import type { LabelService } from './label-service.js'
import type { Library } from './library.js'
import { toPromptView } from './prompt-view.js'
import type { RenderCounter } from './render-counter.js'
import type { SearchService } from './search-service.js'
import { StoreIncludes } from './store-includes.js'

export interface ListRequest {
  category?: string | undefined
  tag?: string | undefined
  q?: string | undefined
  limit: number
  cursor?: string | undefined
}

export interface FindRequest {
  version?: number | undefined
  label?: string | undefined
  /** Chooses among the versions of a split label; without it a split label serves one at random. */
  subject?: string | undefined
}

export interface CategoryItem {
  slug: string
  name: string
  parent: string | null
  promptCount: number
}

/** A page of prompts (PromptListSchema). */
export interface PromptList {
  items: PromptView[]
  nextCursor: string | null
  facets?: { categories: Array<{ slug: string, count: number }> }
  didYouMean?: string
}

export type FoundPrompt = PromptView & { renderCount: number }

interface FoundEntry {
  view: PromptView
  /** render_count as read from the store, which holds the renders this process had written by then. */
  storedCount: number
  writtenThen: number
  /** The last answer made from the view: the same object while renderCount stays, so it is serialized once. */
  answer?: Readonly<FoundPrompt>
}

/** Roughly the characters a view holds: what the cache weighs it by. */
const weightOf = (views: readonly PromptView[]): number => views.reduce((sum, view) => sum + (view.template?.length ?? 0) * 2 + (view.messages === undefined ? 0 : JSON.stringify(view.messages).length * 2) + 300, 100)

export class PromptReader {
  private readonly cache: BoundedCache<unknown>
  private readonly includes: StoreIncludes

  constructor (
    private readonly library: Library,
    private readonly search: SearchService,
    private readonly counter: RenderCounter,
    private readonly labels: LabelService
  ) {
    this.cache = new BoundedCache(() => library.generation())
    this.includes = new StoreIncludes(library.prompts, library.labels)
  }

  /** Lookups of the read cache that it answered, and those it did not. */
  get cacheLookups (): { hits: number, misses: number } {
    return { hits: this.cache.hits, misses: this.cache.misses }
  }

  /** A page in document order, or with q a page of search results by relevance. */
  list (request: ListRequest): PromptList {
    const { category, tag, q, cursor, limit } = request
    const key = JSON.stringify(['list', q ?? null, category ?? null, tag ?? null, cursor ?? null, limit])
    const cached = this.cache.get(key) as PromptList | undefined
    if (cached) return cached
    const page: PromptList = q === undefined
      ? this.page(category, tag, cursor, limit)
      : this.search.search({ q, categoryIds: this.categoryIds(category), tag: tag ?? null, limit, cursor })
    this.cache.set(key, page, weightOf(page.items))
    return page
  }

  /**
   * One prompt: its current version, or the version asked for by number or label. Reads that see the same version
   * and render count share one answer, serialized once; it is not to be changed.
   */
  find (id: string, request: FindRequest = {}): Readonly<FoundPrompt> {
    const { version, label, subject } = request
    if (version !== undefined && label !== undefined) {
      throw new BadRequestError('pass version or label, not both', [{ pointer: '#/query/label', detail: 'conflicts with version' }])
    }
    if (subject !== undefined && label === undefined) {
      throw new BadRequestError('subject chooses among the versions of a label: pass label too', [{ pointer: '#/query/subject', detail: 'needs label' }])
    }
    // A label is resolved before the cache: a split serves a version per subject (or at random).
    const served = label === undefined ? version : this.servedVersion(id, label, subject)
    const key = `find\n${id}\n${served ?? ''}`
    let entry = this.cache.get(key) as FoundEntry | undefined
    if (!entry) {
      const row = this.row(id, served)
      const writtenThen = this.counter.counted(row.id, row.version) - this.counter.pending(row.id, row.version)
      const view = this.includes.withIncludedVariables(toPromptView(row, this.library.categoryTree), row)
      entry = { view, storedCount: row.renderCount, writtenThen }
      this.cache.set(key, entry, weightOf([entry.view]))
    }
    const { view } = entry
    const renderCount = entry.storedCount + this.counter.counted(view.id, view.version) - entry.writtenThen
    if (entry.answer?.renderCount !== renderCount) entry.answer = { ...view, renderCount }
    return entry.answer
  }

  /** Every category in document order; promptCount includes the categories below it. */
  categories (): { items: CategoryItem[] } {
    const cached = this.cache.get('categories') as { items: CategoryItem[] } | undefined
    if (cached) return cached
    const direct = this.library.categories.directPromptCounts()
    const answer = {
      items: this.library.categoryTree.nodes.map((node) => ({
        slug: node.slug,
        name: node.name,
        parent: node.parentSlug,
        promptCount: node.subtreeIds.reduce((sum, id) => sum + (direct.get(id) ?? 0), 0)
      }))
    }
    this.cache.set('categories', answer, answer.items.length * 100)
    return answer
  }

  /** Every tag on a live prompt, most used first. */
  tags (): { items: Array<{ tag: string, count: number }> } {
    const cached = this.cache.get('tags') as { items: Array<{ tag: string, count: number }> } | undefined
    if (cached) return cached
    const answer = { items: this.library.prompts.tagCounts() }
    this.cache.set('tags', answer, answer.items.length * 50)
    return answer
  }

  private categoryIds (category: string | undefined): number[] | null {
    if (category === undefined) return null
    const node = this.library.categoryTree.bySlug(category)
    if (!node) {
      throw new BadRequestError(`unknown category "${category}": GET /v1/categories lists the slugs`,
        [{ pointer: '#/query/category', detail: `no category "${category}"` }])
    }
    return node.subtreeIds
  }

  private page (category: string | undefined, tag: string | undefined, cursor: string | undefined, limit: number): PromptList {
    const rows = this.library.prompts.list({
      categoryIds: this.categoryIds(category),
      tag: tag ?? null,
      after: cursor === undefined ? null : decodeCursor(cursor),
      limit: limit + 1
    })
    const page = rows.length > limit ? rows.slice(0, limit) : rows
    const last = page[page.length - 1]
    const tree = this.library.categoryTree
    return {
      items: page.map((row) => toPromptView(row, tree)),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null
    }
  }

  private servedVersion (id: string, label: string, subject: string | undefined): number {
    const served = this.labels.servedVersion(id, label, subject)
    if (served !== undefined) return served
    if (this.library.prompts.current(id)) throw new NotFoundError(`prompt "${id}" has no label "${label}"`)
    throw new NotFoundError(`no prompt with the id "${id}"`)
  }

  private row (id: string, version: number | undefined): PromptRow {
    const { prompts } = this.library
    let row: PromptRow | undefined
    if (version !== undefined) {
      row = prompts.version(id, version)
      if (!row && prompts.current(id)) throw new NotFoundError(`prompt "${id}" has no version ${version}`)
    } else {
      row = prompts.current(id)
    }
    if (!row) throw new NotFoundError(`no prompt with the id "${id}"`)
    return row
  }
}
