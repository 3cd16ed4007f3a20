// `npm run search:eval`: nDCG@10, MRR@10 and misses for this search and plain BM25 on queries.json.
// `-- --verbose` lists every query below a perfect score.
import { engines, evaluate, loadQueries, seededSearch } from './evaluate.js'

const verbose = process.argv.includes('--verbose')
const queries = loadQueries()
const seeded = seededSearch()
const { close } = seeded
try {
  console.log(`${queries.length} labelled queries, k = 10 (relevant = grade 2 or more)`)
  for (const [name, rank] of Object.entries(engines(seeded))) {
    const result = evaluate(queries, rank)
    console.log(`${name.padEnd(7)} nDCG@10 ${result.ndcg.toFixed(3)}  MRR@10 ${result.mrr.toFixed(3)}  queries with nothing relevant: ${result.misses}`)
    if (!verbose) continue
    for (const r of result.results.filter((r) => r.ndcg < 0.999)) {
      console.log(`  ${r.ndcg.toFixed(2)} rr=${r.reciprocalRank.toFixed(2)} [${r.query.kind}] ${r.query.q}: ${r.top.map((id) => `${id}(${r.query.relevant[id] ?? 0})`).join(' ')}`)
    }
  }
} finally {
  close()
}
