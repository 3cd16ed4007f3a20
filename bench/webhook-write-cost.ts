// `npm run bench:webhooks`: what webhooks cost a write. POST /v1/prompts under load with no subscription, then with
// three subscriptions to receivers on 127.0.0.1 (delivering while the writes go on, in the same process), in
// alternating rounds; the report gives the median throughput and latency of each and their ratio.
import { createServer, type Server } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const KEY = 'bench-admin-key-0123456789abcdef'
const AUTH = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }

function median (values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

async function receiver (): Promise<{ server: Server, url: string, received: () => number }> {
  let received = 0
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      received++
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received: () => received }
}

async function main (): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-bench-webhooks-'))
  const app = await buildApp(loadConfig({
    ...process.env,
    DATABASE_PATH: join(directory, 'bench.db'),
    LOG_LEVEL: 'silent',
    ADMIN_API_KEY: KEY,
    RATE_LIMIT_KEY_MAX: '1000000000',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true'
  }))
  const receivers = await Promise.all([receiver(), receiver(), receiver()])
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const call = async (method: string, path: string, body?: unknown): Promise<any> => {
      const res = await fetch(base + path, { method, headers: AUTH, body: body === undefined ? undefined : JSON.stringify(body) })
      const text = await res.text()
      return text === '' ? null : JSON.parse(text)
    }
    const pending = app.library.store.sqlite.prepare<[], number>('SELECT count(*) FROM webhook_deliveries WHERE status = \'pending\'').pluck()
    const load = async (): Promise<autocannon.Result> => await autocannon({
      url: base + '/v1/prompts',
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ category: 'sagas', template: 'Bench prompt about {{topic}}', tags: ['bench'] }),
      connections: CONNECTIONS,
      duration: SECONDS
    })
    await autocannon({ url: base + '/v1/prompts', method: 'POST', headers: AUTH, body: JSON.stringify({ category: 'sagas', template: 'Warm {{x}}' }), connections: CONNECTIONS, amount: 500 })
    const results: Record<'none' | 'three', Array<{ rps: number, p50: number, p99: number }>> = { none: [], three: [] }
    for (let round = 0; round < ROUNDS; round++) {
      for (const scenario of ['none', 'three'] as const) {
        const ids: string[] = []
        if (scenario === 'three') for (const { url } of receivers) ids.push((await call('POST', '/v1/webhooks', { url, events: ['*'] })).id)
        const result = await load()
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`${scenario}: ${result.non2xx} non-2xx answers, ${result.errors} errors`)
        results[scenario].push({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 })
        // Every event reaches every receiver before the next round, so that no round pays for another's deliveries.
        while (pending.get()! > 0) await new Promise((resolve) => setTimeout(resolve, 100))
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
    const delivered = receivers.map(({ received }) => received())
    console.log(`POST /v1/prompts, ${CONNECTIONS} connections, ${SECONDS} s per round, median of ${ROUNDS} rounds`)
    console.log(`  no subscriptions:    ${none.rps.toFixed(0)} req/s, p50 ${none.p50} ms, p99 ${none.p99} ms`)
    console.log(`  three subscriptions: ${three.rps.toFixed(0)} req/s, p50 ${three.p50} ms, p99 ${three.p99} ms (deliveries received: ${delivered.join(', ')})`)
    console.log(`  throughput with three subscriptions / without: ${(three.rps / none.rps).toFixed(2)}`)
  } finally {
    await app.close()
    for (const { server } of receivers) {
      server.closeAllConnections()
      server.close()
    }
    rmSync(directory, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
