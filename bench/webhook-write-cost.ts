// `npm run bench:webhooks`: what webhooks cost a write. POST /v1/prompts with no subscription, then with three
// subscriptions to receivers on 127.0.0.1 (the service delivering while the writes go on), in alternating rounds.
// Each round runs the writes twice: as fast as 10 connections can (throughput, and the CPU time of the thread that
// answers requests per write, from /proc/PID/task/PID/stat), then at a fixed rate of half the first round's
// throughput without subscriptions (latency of a write on a service that is not saturated). The service, the
// receivers and the load generator each run in a process of their own, as in production. The report gives each
// scenario's medians and their ratios.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { projectRoot } from '../src/project-root.js'
import { cpuSeconds } from './process-cpu.js'

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
  // The service's main thread answers the requests; the webhook deliverer's worker is a thread of its own.
  const pid = service.child.pid!
  const mainThreadCpu = (): number => cpuSeconds(pid, pid)
  const load = async (seconds: number, overallRate?: number): Promise<{ result: autocannon.Result, cpuMicrosPerWrite: number }> => {
    const before = mainThreadCpu()
    const result = await autocannon({
      url: base + '/v1/prompts',
      method: 'POST',
      headers: JSON_AUTH,
      body: JSON.stringify({ category: 'sagas', template: 'Bench prompt about {{topic}}', tags: ['bench'] }),
      connections: CONNECTIONS,
      duration: seconds,
      ...(overallRate === undefined ? {} : { overallRate })
    })
    const cpu = mainThreadCpu() - before
    if (result.non2xx + result.errors + result.timeouts > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`)
    return { result, cpuMicrosPerWrite: cpu * 1e6 / result['2xx'] }
  }

  const warmUp = await load(2)
  let expected = 0
  let rate: number | undefined
  interface Round { rps: number, cpu: number, p50: number, p99: number, rateP50: number, rateP99: number, rateCpu: number }
  const results: Record<'none' | 'three', Round[]> = { none: [], three: [] }
  const waitForDeliveries = async (): Promise<void> => {
    // Every event reaches every receiver before the next run, so that no run pays for another's deliveries.
    const deadline = Date.now() + 120_000
    while (await received() < expected) {
      if (Date.now() > deadline) throw new Error(`only ${await received()} of ${expected} deliveries arrived`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const scenario of ['none', 'three'] as const) {
      const ids: string[] = []
      if (scenario === 'three') for (const url of receivers.urls) ids.push((await call('POST', '/v1/webhooks', { url: url + '/hook', events: ['*'] })).id)
      const saturated = await load(SECONDS)
      expected += ids.length * saturated.result['2xx']
      await waitForDeliveries()
      rate ??= Math.max(10, Math.round(saturated.result.requests.average / 2))
      const steady = await load(SECONDS, rate)
      expected += ids.length * steady.result['2xx']
      await waitForDeliveries()
      results[scenario].push({
        rps: saturated.result.requests.average,
        cpu: saturated.cpuMicrosPerWrite,
        p50: saturated.result.latency.p50,
        p99: saturated.result.latency.p99,
        rateP50: steady.result.latency.p50,
        rateP99: steady.result.latency.p99,
        rateCpu: steady.cpuMicrosPerWrite
      })
      for (const id of ids) await call('DELETE', `/v1/webhooks/${id}`)
    }
  }
  const summary = (scenario: 'none' | 'three'): Round => {
    const of = (field: keyof Round): number => median(results[scenario].map((entry) => entry[field]))
    return { rps: of('rps'), cpu: of('cpu'), p50: of('p50'), p99: of('p99'), rateP50: of('rateP50'), rateP99: of('rateP99'), rateCpu: of('rateCpu') }
  }
  const none = summary('none')
  const three = summary('three')
  const line = (label: string, r: Round): string => `  ${label.padEnd(20)} ${r.rps.toFixed(0).padStart(5)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, main thread ${r.cpu.toFixed(0)} µs CPU/write | at ${rate} req/s: p50 ${r.rateP50} ms, p99 ${r.rateP99} ms, main thread ${r.rateCpu.toFixed(0)} µs CPU/write`
  console.log(`POST /v1/prompts, ${CONNECTIONS} connections, ${SECONDS} s per run, median of ${ROUNDS} rounds (${expected} deliveries in all; warm-up ${warmUp.result.requests.average.toFixed(0)} req/s)`)
  console.log(line('no subscriptions:', none))
  console.log(line('three subscriptions:', three))
  console.log(`  with three subscriptions / without: throughput ${(three.rps / none.rps).toFixed(2)}, main-thread CPU per write ${(three.cpu / none.cpu).toFixed(2)} (${(three.rateCpu / none.rateCpu).toFixed(2)} at the fixed rate), p50 at the fixed rate ${(three.rateP50 / none.rateP50).toFixed(2)}`)
} finally {
  for (const child of children) child.kill()
  rmSync(directory, { recursive: true, force: true })
}
