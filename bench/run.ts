// `npm run bench`: throughput of promptshelf's routes as a ratio of a bare Fastify route measured in the same run.
// Both servers run as child processes on 127.0.0.1; promptshelf logs every request (to /dev/null) as in production.
// Absolute numbers depend on the machine; the ratios are what to compare.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { projectRoot } from '../src/project-root.js'
import { loadQueries } from '../test/search-eval/evaluate.js'
import { partialsRenderTarget } from './partials-target.js'

interface Target {
  name: string
  method?: 'GET' | 'POST'
  path: string
  /** When given, each connection cycles through these paths instead of repeating `path`. */
  paths?: string[]
  headers?: Record<string, string>
  body?: string
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

function median (values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

// A key with its own budget: the per-key limiter runs on every request, its budget too large to trip.
const BENCH_KEY = 'bench-admin-key-0123456789abcdef'

const TARGETS: Target[] = [
  { name: 'GET /v1/prompts?category=sagas', path: '/v1/prompts?category=sagas' },
  { name: 'GET /v1/prompts?category=sagas (with a key)', path: '/v1/prompts?category=sagas', headers: { authorization: `Bearer ${BENCH_KEY}` } },
  { name: 'GET /v1/prompts/sagas-1', path: '/v1/prompts/sagas-1' },
  {
    name: 'GET /v1/prompts?q=… (labelled queries in turn)',
    path: '/v1/prompts?q=saga',
    paths: loadQueries().map((query) => '/v1/prompts?q=' + encodeURIComponent(query.q))
  },
  { name: 'POST /v1/prompts/sagas-1/render', method: 'POST', path: '/v1/prompts/sagas-1/render', body: JSON.stringify({ variables: { specific_distributed_transaction: 'hotel booking' } }) },
  {
    name: 'POST /mcp prompts/get sagas-1',
    method: 'POST',
    path: '/mcp',
    headers: { accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'prompts/get', params: { name: 'sagas-1', arguments: { specific_distributed_transaction: 'hotel booking' } } })
  }
]

function start (args: string[], env: Record<string, string>, logToNull: boolean): Promise<{ child: ChildProcess, url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit']
    })
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start in 30 s`)), 30_000)
    let seen = ''
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString()
      const match = /(?:listening|Server listening at) (http:\/\/127\.0\.0\.1:\d+)/.exec(seen)
      if (!match) return
      clearTimeout(timer)
      // From here on the output is only read and dropped, like a log shipped to /dev/null.
      if (logToNull) child.stdout!.off('data', onData).resume()
      resolve({ child, url: match[1]! })
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)))
  })
}

async function measure (url: string, target: Target, seconds = SECONDS): Promise<number> {
  const result = await autocannon({
    url: url + target.path,
    method: target.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body,
    requests: target.paths?.map((path) => ({ method: 'GET' as const, path })),
    connections: CONNECTIONS,
    duration: seconds
  })
  const failures = result.non2xx + result.errors + result.timeouts
  if (failures > 0) throw new Error(`${target.name}: ${failures} of ${result.requests.total} requests failed (non-2xx, errors or timeouts)`)
  return result.requests.average
}

const directory = mkdtempSync(join(tmpdir(), 'promptshelf-bench-'))
const children: ChildProcess[] = []
try {
  const bare = await start(['bench/bare-server.ts'], {}, true)
  children.push(bare.child)
  const service = await start(['src/server.ts'], {
    HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', DATABASE_PATH: join(directory, 'bench.db'),
    RATE_LIMIT_ANON_MAX: '1000000000', RATE_LIMIT_KEY_MAX: '1000000000', ADMIN_API_KEY: BENCH_KEY
  }, true)
  children.push(service.child)
  TARGETS.push(await partialsRenderTarget(service.url, BENCH_KEY))

  const bareTarget: Target = { name: 'bare Fastify route', path: '/bare' }
  // Warm-up: both processes' code paths are compiled by the JIT before anything is measured.
  await measure(bare.url, bareTarget, 2)
  for (const target of TARGETS) await measure(service.url, target, 1)
  // Each route is measured right after the bare route, round after round; a route's ratio is the median of its
  // rounds, so that a change in the machine's load between runs weighs little.
  const ratios = TARGETS.map(() => [] as number[])
  const rates = TARGETS.map(() => [] as number[])
  const bareRates: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, target] of TARGETS.entries()) {
      const bareRps = await measure(bare.url, bareTarget)
      const rps = await measure(service.url, target)
      bareRates.push(bareRps)
      rates[index]!.push(rps)
      ratios[index]!.push(rps / bareRps)
    }
  }
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds; each route right after the bare route, ratio = median over rounds`)
  console.log(`${'route'.padEnd(48)} ${'req/s'.padStart(9)}  ratio to bare (each round)`)
  console.log(`${bareTarget.name.padEnd(48)} ${median(bareRates).toFixed(0).padStart(9)}  1.00`)
  TARGETS.forEach((target, index) => {
    const each = ratios[index]!.map((ratio) => ratio.toFixed(2)).join(' ')
    console.log(`${target.name.padEnd(48)} ${median(rates[index]!).toFixed(0).padStart(9)}  ${median(ratios[index]!).toFixed(2)}  (${each})`)
  })
} finally {
  for (const child of children) child.kill('SIGTERM')
  rmSync(directory, { recursive: true, force: true })
}
