// The index's vocabulary for search as you type and typo tolerance, and the index's stem of each word for
// highlighting: read from the index, held in memory, reloaded when a write has changed the index.
import type { Alternative } from '../domain/search-query.js'
import { SearchVocabulary } from '../domain/search-vocabulary.js'
import type { SearchRepository } from '../repositories/search-repository.js'
import { reloadDue, type ReadTiming } from './reload-spacing.js'

/** Reloading a vocabulary that loads faster than this is always fine. */
const CHEAP_RELOAD_MS = 20
/** Stems kept for words that are not (or no longer) in the index; the map starts over past this. */
const MAX_EXTRA_STEMS = 10_000

export class SearchVocabularySource {
  private loaded: ({ generation: number, vocabulary: SearchVocabulary } & ReadTiming) | undefined
  /** The index's stem of every word in the vocabulary. */
  private vocabularyStems = new Map<string, string>()
  private readonly extraStems = new Map<string, string>()

  constructor (private readonly repository: SearchRepository) {
    this.vocabulary()
  }

  /** The index vocabulary, reloaded when a write has changed the index since it was read. */
  vocabulary (): SearchVocabulary {
    const generation = this.repository.generation()
    const loaded = this.loaded
    // A large vocabulary is costly to read: while writes keep coming, it is reloaded as reload-spacing.ts allows.
    // Word matches follow writes at once (the index); prefixes and corrections after that delay.
    const current = loaded?.generation === generation || !reloadDue(loaded, CHEAP_RELOAD_MS)
    if (!current) {
      const started = performance.now()
      const terms = this.repository.vocabulary()
      const known = this.loaded === undefined ? new Map<string, string>() : this.vocabularyStems
      const added = this.repository.stems(terms.map((t) => t.term).filter((term) => !known.has(term)))
      this.vocabularyStems = new Map(terms.map((t) => [t.term, known.get(t.term) ?? added.get(t.term) ?? t.term]))
      const vocabulary = new SearchVocabulary(terms, this.repository.documentCount())
      const loadedAt = performance.now()
      this.loaded = { generation, vocabulary, loadedAt, loadMs: loadedAt - started }
    }
    return this.loaded!.vocabulary
  }

  /** The index's stem of one word; a word the index does not hold stems to itself (it matches nothing anyway). */
  stem (word: string): string {
    return this.vocabularyStems.get(word) ?? this.extraStems.get(word) ?? word
  }

  /** Stems of every token of the alternatives, asking the index for query words it does not hold. */
  stemsOf (alternatives: readonly Alternative[]): Set<string> {
    const tokens = [...new Set(alternatives.flatMap((a) => a.tokens))]
    const unknown = tokens.filter((token) => !this.vocabularyStems.has(token) && !this.extraStems.has(token))
    if (unknown.length > 0) {
      if (this.extraStems.size > MAX_EXTRA_STEMS) this.extraStems.clear()
      for (const [word, stem] of this.repository.stems(unknown)) this.extraStems.set(word, stem)
    }
    return new Set(tokens.map((token) => this.stem(token)))
  }
}
