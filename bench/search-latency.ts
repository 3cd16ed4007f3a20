// `npm run search:latency [-- <path>]`: median and p95 latency of a search (ranking, facets, one page of 20
// with highlights) over the labelled queries, on the seeded store or on the store at <path>.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '../src/db/open.js'
import { Library } from '../src/services/library.js'
import { SearchService } from '../src/services/search-service.js'
import { seedFromFile } from '../src/services/seed-from-file.js'
import { loadQueries } from '../test/search-eval/evaluate.js'

const ROUNDS = 15
const given = process.argv[2]
const directory = given === undefined ? mkdtempSync(join(tmpdir(), 'promptshelf-latency-')) : undefined
const store = openStore(given ?? join(directory!, 'seeded.db'))
try {
  const library = new Library(store)
  if (given === undefined) seedFromFile(library)
  const loadStarted = performance.now()
  const search = new SearchService(library)
  const loadMs = performance.now() - loadStarted
  const queries = loadQueries().map((q) => q.q)
  const perQuery = new Map<string, number[]>(queries.map((q) => [q, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of queries) {
      const started = performance.now()
      search.search({ q, categoryIds: null, tag: null, limit: 20 })
      if (round > 0) perQuery.get(q)!.push(performance.now() - started) // round 0 warms the caches
    }
  }
  const all = [...perQuery.values()].flat().sort((a, b) => a - b)
  const at = (share: number): number => all[Math.min(all.length - 1, Math.floor(share * all.length))]!
  const prompts = store.sqlite.prepare('SELECT count(*) FROM search_documents').pluck().get()
  console.log(`${String(prompts)} prompts, ${queries.length} queries x ${ROUNDS - 1} rounds (vocabulary loaded in ${loadMs.toFixed(0)} ms)`)
  console.log(`search latency: median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${all[all.length - 1]!.toFixed(2)} ms`)
  const slowest = [...perQuery].map(([q, times]) => [q, times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!] as const)
    .sort((a, b) => b[1] - a[1]).slice(0, 5)
  console.log('slowest (median ms): ' + slowest.map(([q, ms]) => `${q} ${ms.toFixed(1)}`).join(', '))
} finally {
  store.sqlite.close()
  if (directory) rmSync(directory, { recursive: true, force: true })
}
