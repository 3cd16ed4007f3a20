import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { editDistance } from '../../src/domain/edit-distance.js'
import { SearchVocabulary, type VocabularyTerm } from '../../src/domain/search-vocabulary.js'

describe('search vocabulary', () => {
  const vocabulary = new SearchVocabulary([
    { term: 'compensating', docs: 5 }, { term: 'compensations', docs: 1 }, { term: 'compensate', docs: 2 },
    { term: 'awakeable', docs: 2 }, { term: 'awakeables', docs: 6 }, { term: 'saga', docs: 8 }
  ], 10)

  it('completes a prefix with the most frequent words first', () => {
    assert.deepEqual(vocabulary.completions('compens', 10), ['compensating', 'compensate', 'compensations'])
    assert.deepEqual(vocabulary.completions('zzz', 10), [])
  })

  it('finds words within the edit distance, closest then most frequent first', () => {
    assert.deepEqual(vocabulary.near('awakable', 1, 3), [{ term: 'awakeable', distance: 1 }])
    assert.deepEqual(vocabulary.near('awakeablex', 2, 3).map((n) => n.term), ['awakeables', 'awakeable'])
    assert.equal(vocabulary.share('saga'), 0.8)
  })

  it('finds the same near words as comparing the word with every term', () => {
    // Letters, digits and letters whose codes share a bit (a, q, A, á) make the character-set test earn its keep.
    const alphabet = 'abcdeqAá19'
    let seed = 11
    const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
    const word = (length: number): string => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('')
    const mutated = (base: string): string => {
      let out = base
      for (let edits = 1 + random(2); edits > 0; edits--) {
        const at = random(out.length + 1)
        const kind = random(4)
        if (kind === 0) out = out.slice(0, at) + word(1) + out.slice(at)
        else if (kind === 1) out = out.slice(0, at) + out.slice(at + 1)
        else if (kind === 2) out = out.slice(0, at) + word(1) + out.slice(at + 1)
        else out = out.slice(0, at) + out.slice(at + 1, at + 2) + out.slice(at, at + 1) + out.slice(at + 2)
      }
      return out
    }
    let found = 0
    for (let round = 0; round < 300; round++) {
      const base = word(3 + random(10))
      const terms: VocabularyTerm[] = []
      const seen = new Set<string>()
      for (let i = 0; i < 60; i++) {
        const term = random(2) === 0 ? mutated(base) : word(3 + random(10))
        if (term.length > 0 && !seen.has(term)) {
          seen.add(term)
          terms.push({ term, docs: random(50) })
        }
      }
      const vocabulary = new SearchVocabulary(terms)
      const query = mutated(base) || base
      for (const max of [1, 2]) {
        const expected = terms
          .map((t) => ({ term: t.term, docs: t.docs, distance: editDistance(query, t.term, max) }))
          .filter((t) => t.distance > 0 && t.distance <= max)
          .sort((a, b) => a.distance - b.distance || b.docs - a.docs || (a.term < b.term ? -1 : 1))
        const near = vocabulary.near(query, max, 100)
        assert.deepEqual(near.map((n) => n.term).sort(), expected.map((e) => e.term).sort(), `${query} within ${max}`)
        assert.deepEqual(near.map((n) => n.distance), expected.map((e) => e.distance), `${query} within ${max}`)
        found += near.length
      }
    }
    // The vocabularies hold near words: the comparison is not between two empty lists.
    assert.ok(found > 500, `found ${found}`)
  })
})
