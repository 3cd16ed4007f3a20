import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SearchVocabulary } from '../../src/domain/search-vocabulary.js'

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
})
