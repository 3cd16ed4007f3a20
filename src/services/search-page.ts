// A page of search results from a ranking: category facets, and the page's prompts (read in one query)
// with their highlighted templates.
import { highlightTemplate } from '../domain/highlight.js'
import { contentText } from '../domain/prompt-content.js'
import type { PromptRepository } from '../repositories/prompt-repository.js'
import type { PromptView } from '../schemas/prompt.js'
import type { CategoryTree } from './category-tree.js'
import type { SearchFacetCounts } from './search-facet-counts.js'
import { toPromptView } from './prompt-view.js'
import type { Ranking } from './search-ranking.js'
import type { SearchVocabularySource } from './search-vocabulary-source.js'

export interface SearchPageItems {
  items: PromptView[]
  facets: { categories: Array<{ slug: string, count: number }> }
}

export class SearchPageAssembler {
  constructor (
    private readonly prompts: PromptRepository,
    private readonly facets: SearchFacetCounts,
    private readonly words: SearchVocabularySource
  ) {}

  /** Items offset … end of the ranking, and facets over every match (whatever the category filter). */
  assemble (ranking: Ranking, request: { offset: number, end: number, tag: string | null, filtered: boolean }, tree: CategoryTree): SearchPageItems {
    let counts: Map<number, number>
    if (ranking.complete && !request.filtered) {
      counts = new Map()
      for (const [, , categoryId] of ranking.hits) counts.set(categoryId, (counts.get(categoryId) ?? 0) + 1)
    } else {
      counts = ranking.facetExpression === '' ? new Map() : this.facets.counts(ranking.facetExpression, request.tag)
    }
    const categories = tree.nodes
      .map((node) => ({ slug: node.slug, count: node.subtreeIds.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0) }))
      .filter((facet) => facet.count > 0)

    const ids = ranking.hits.slice(request.offset, request.end).map(([, promptId]) => promptId)
    const rows = this.prompts.currentMany(ids)
    const marked = (word: string): boolean => ranking.highlightStems.has(this.words.stem(word))
    const items: PromptView[] = []
    for (const id of ids) {
      const row = rows.get(id)
      if (row) items.push({ ...toPromptView(row, tree), highlight: highlightTemplate(contentText(row), marked) })
    }
    return { items, facets: { categories } }
  }
}
