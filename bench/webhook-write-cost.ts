// `npm run bench:webhooks`: what webhooks cost a write. POST /v1/prompts under load with no subscription, then with
// three subscriptions to receivers on 127.0.0.1 (the service delivering while the writes go on), in alternating
// rounds. The service, the receivers and the load generator each run in a process of their own, as in production.
// The report gives each scenario's median throughput and latency and their ratio.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { projectRoot } from '../src/project-root.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const KEY = 'bench-admin-key-0123456789abcdef'
const AUTH = { authorization: `Bearer ${KEY}` }
const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' }

function median (values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Starts a script and resolves with the first `count` addresses it says it listens at. */
function start (script: string, env: Record<string, string>, count: number): Promise<{ child: ChildProcess, urls: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 120 s`)), 120_000)
    let seen = ''
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString()
      const urls = [...seen.matchAll(/(?:listening|Server listening at) (http:\/\/127\.0\.0\.1:\d+)/g)].map((match) => match[1]!)
      if (urls.length < count) return
      clearTimeout(timer)
      // From here on the output is only read and dropped, like a log shipped to /dev/null.
      child.stdout!.off('data', onData).resume()
      resolve({ child, urls: urls.slice(0, count) })
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
}

const directory = mkdtempSync(join(tmpdir(), 'promptshelf-bench-webhooks-'))
const children: ChildProcess[] = []
try {
  const receivers = await start('bench/webhook-receivers.ts', {}, 3)
  children.push(receivers.child)
  const service = await start('src/server.ts', {
    HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', DATABASE_PATH: join(directory, 'bench.db'),
    RATE_LIMIT_ANON_MAX: '1000000000', RATE_LIMIT_KEY_MAX: '1000000000', ADMIN_API_KEY: KEY, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true'
  }, 1)
  children.push(service.child)
  const base = service.urls[0]!
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(base + path, { method, headers: body === undefined ? AUTH : JSON_AUTH, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return text === '' ? null : JSON.parse(text)
  }
  const received = async (): Promise<number> => Number(await (await fetch(receivers.urls[0]! + '/count')).text())
  const load = async (seconds: number): Promise<autocannon.Result> => {
    const result = await autocannon({
      url: base + '/v1/prompts',
      method: 'POST',
      headers: JSON_AUTH,
      body: JSON.stringify({ category: 'sagas', template: 'Bench prompt about {{topic}}', tags: ['bench'] }),
      connections: CONNECTIONS,
      duration: seconds
    })
    if (result.non2xx + result.errors + result.timeouts > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`)
    return result
  }

  await load(2)
  let expected = 0
  const results: Record<'none' | 'three', Array<{ rps: number, p50: number, p99: number }>> = { none: [], three: [] }
  for (let round = 0; round < ROUNDS; round++) {
    for (const scenario of ['none', 'three'] as const) {
      const ids: string[] = []
      if (scenario === 'three') for (const url of receivers.urls) ids.push((await call('POST', '/v1/webhooks', { url: url + '/hook', events: ['*'] })).id)
      const result = await load(SECONDS)
      results[scenario].push({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 })
      // Every event reaches every receiver before the next round, so that no round pays for another's deliveries.
      expected += ids.length * result['2xx']
      const deadline = Date.now() + 120_000
      while (await received() < expected) {
        if (Date.now() > deadline) throw new Error(`only ${await received()} of ${expected} deliveries arrived`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      for (const id of ids) await call('DELETE', `/v1/webhooks/${id}`)
    }
  }
  const summary = (scenario: 'none' | 'three'): { rps: number, p50: number, p99: number } => ({
    rps: median(results[scenario].map((entry) => entry.rps)),
    p50: median(results[scenario].map((entry) => entry.p50)),
    p99: median(results[scenario].map((entry) => entry.p99))
  })
  const none = summary('none')
  const three = summary('three')
  console.log(`POST /v1/prompts, ${CONNECTIONS} connections, ${SECONDS} s per round, median of ${ROUNDS} rounds (${expected} deliveries in all)`)
  console.log(`  no subscriptions:    ${none.rps.toFixed(0)} req/s, p50 ${none.p50} ms, p99 ${none.p99} ms`)
  console.log(`  three subscriptions: ${three.rps.toFixed(0)} req/s, p50 ${three.p50} ms, p99 ${three.p99} ms`)
  console.log(`  throughput with three subscriptions / without: ${(three.rps / none.rps).toFixed(2)}`)
} finally {
  for (const child of children) child.kill()
  rmSync(directory, { recursive: true, force: true })
}
