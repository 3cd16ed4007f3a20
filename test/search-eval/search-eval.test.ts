import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { engines, evaluate, loadQueries, seededSearch } from './evaluate.js'

describe('search quality on the labelled queries', () => {
  let seeded: ReturnType<typeof seededSearch>
  before(() => { seeded = seededSearch() })
  after(() => { seeded.close() })

  it('has at least 40 labelled queries covering typos, prefixes, paraphrases, identifiers and category words', () => {
    const queries = loadQueries()
    assert.ok(queries.length >= 40)
    for (const kind of ['typo', 'prefix', 'paraphrase', 'identifier', 'category']) assert.ok(queries.some((q) => q.kind === kind), kind)
  })

  it('reaches nDCG@10 >= 0.9 and MRR@10 >= 0.9, with a relevant prompt in the top 10 for every query', () => {
    const result = evaluate(loadQueries(), engines(seeded).search)
    const missed = result.results.filter((r) => r.reciprocalRank === 0).map((r) => r.query.q)
    assert.deepEqual(missed, [])
    assert.ok(result.ndcg >= 0.9, `nDCG@10 ${result.ndcg.toFixed(3)}`)
    assert.ok(result.mrr >= 0.9, `MRR@10 ${result.mrr.toFixed(3)}`)
  })

  it('beats plain BM25 on the same set', () => {
    const { search, bm25 } = engines(seeded)
    assert.ok(evaluate(loadQueries(), search).ndcg > evaluate(loadQueries(), bm25).ndcg)
  })
})
