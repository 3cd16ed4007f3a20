// `npm run bench`: requests per second of the main read paths on a seeded store, measured with autocannon
// against the real server on 127.0.0.1 (bounded: a few connections, a few seconds per scenario).
// Search is reported against the bare list route: the share of its throughput that search keeps.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { loadQueries } from '../test/search-eval/evaluate.js'

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const ROUNDS = 3
const CONNECTIONS = 8

interface Scenario {
  name: string
  paths: string[]
}

const scenarios: Scenario[] = [
  { name: 'list (bare route)', paths: ['/v1/prompts'] },
  { name: 'search (labelled queries in turn)', paths: loadQueries().map((q) => '/v1/prompts?q=' + encodeURIComponent(q.q)) }
]

const directory = mkdtempSync(join(tmpdir(), 'promptshelf-bench-'))
const app = await buildApp(loadConfig({
  ...process.env,
  DATABASE_PATH: join(directory, 'bench.db'),
  LOG_LEVEL: 'silent',
  RATE_LIMIT_ANON_MAX: '1000000000'
}))
try {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address')
  // Scenarios take turns, so that a change in the machine's load weighs on all of them alike.
  const totals = scenarios.map(() => ({ requests: 0, seconds: 0, errors: 0, p50: [] as number[], p99: [] as number[] }))
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, scenario] of scenarios.entries()) {
      const result = await autocannon({
        url: `http://127.0.0.1:${address.port}`,
        connections: CONNECTIONS,
        duration: DURATION_SECONDS,
        requests: scenario.paths.map((path) => ({ method: 'GET', path }))
      })
      const total = totals[i]!
      total.requests += result.requests.total
      total.seconds += result.duration
      total.errors += result.errors + result.non2xx
      total.p50.push(result.latency.p50)
      total.p99.push(result.latency.p99)
    }
  }
  const rps = totals.map((t) => t.requests / t.seconds)
  for (const [i, scenario] of scenarios.entries()) {
    const t = totals[i]!
    console.log(`${scenario.name.padEnd(36)} ${rps[i]!.toFixed(0).padStart(7)} req/s  p50 ${Math.max(...t.p50)} ms  p99 ${Math.max(...t.p99)} ms  errors ${t.errors}`)
  }
  console.log(`search keeps ${(rps[1]! / rps[0]!).toFixed(2)} of the bare route's throughput (floor 0.25)`)
} finally {
  await app.close()
  rmSync(directory, { recursive: true, force: true })
}
