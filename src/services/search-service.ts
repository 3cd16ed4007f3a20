// Search: a ranking of the matches (search-ranking.ts) made into a page (search-page.ts), over the index's
// vocabulary (search-vocabulary-source.ts) and the synonyms in seed/search-synonyms.json.
import { decodeSearchCursor, encodeSearchCursor, MAX_SEARCH_OFFSET } from '../domain/search-cursor.js'
import { buildSynonymIndex } from '../domain/search-synonyms.js'
import { SearchRepository } from '../repositories/search-repository.js'
import { readSynonymsFile } from '../repositories/search-synonyms-file.js'
import type { PromptView } from '../schemas/prompt.js'
import type { Library } from './library.js'
import { SearchFacetCounts } from './search-facet-counts.js'
import { SearchPageAssembler } from './search-page.js'
import { SearchRanking, type RankOptions, type Ranking } from './search-ranking.js'
import { SearchVocabularySource } from './search-vocabulary-source.js'

export interface SearchRequest {
  q: string
  /** A category and everything below it; null for all. Facets ignore it. */
  categoryIds: readonly number[] | null
  tag: string | null
  limit: number
  cursor?: string | undefined
}

export interface SearchPage {
  items: PromptView[]
  nextCursor: string | null
  facets: { categories: Array<{ slug: string, count: number }> }
  didYouMean?: string
}

export class SearchService {
  private readonly ranking: SearchRanking
  private readonly pages: SearchPageAssembler

  constructor (private readonly library: Library, synonymsDocument: unknown = readSynonymsFile()) {
    const repository = new SearchRepository(library.store.sqlite)
    const words = new SearchVocabularySource(repository)
    this.ranking = new SearchRanking(repository, words, buildSynonymIndex(synonymsDocument))
    this.pages = new SearchPageAssembler(library.prompts, new SearchFacetCounts(repository), words)
  }

  search (request: SearchRequest): SearchPage {
    const offset = request.cursor === undefined ? 0 : decodeSearchCursor(request.cursor, request)
    const end = offset + request.limit
    const ranking = this.ranking.rank(request.q, { tag: request.tag, categoryIds: request.categoryIds, depth: end })
    const { items, facets } = this.pages.assemble(ranking, { offset, end, tag: request.tag, filtered: request.categoryIds !== null }, this.library.categoryTree)
    return {
      items,
      nextCursor: ranking.hits.length > end && end <= MAX_SEARCH_OFFSET ? encodeSearchCursor(end, request) : null,
      facets,
      ...(ranking.didYouMean === undefined ? {} : { didYouMean: ranking.didYouMean })
    }
  }

  /** The best matches for q, best first, down to depth. */
  rank (q: string, options: RankOptions): Ranking {
    return this.ranking.rank(q, options)
  }
}
