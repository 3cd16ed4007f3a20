// `npm run bench`: starts promptshelf (request logging on, limiter on) and a bare Fastify route, each in its own
// process on 127.0.0.1, and prints the throughput of each route as a ratio of the bare route (autocannon).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { projectRoot } from '../src/project-root.js'

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = 10
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef'

interface Scenario {
  name: string
  path: string
  headers?: Record<string, string>
}

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function start (args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
}

async function waitUntilUp (url: string): Promise<void> {
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not come up`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function throughput (url: string, headers: Record<string, string> = {}): Promise<{ rps: number, p99: number, non2xx: number }> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_SECONDS })
  if (result.errors > 0 || result.timeouts > 0) throw new Error(`${url}: ${result.errors} connection errors, ${result.timeouts} timeouts`)
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx }
}

async function main (): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-bench-'))
  const [appPort, barePort] = [await freePort(), await freePort()]
  const children = [
    start(['src/server.ts'], {
      PORT: String(appPort), HOST: '127.0.0.1', DATABASE_PATH: join(directory, 'bench.db'), LOG_LEVEL: 'info',
      ADMIN_API_KEY: ADMIN_KEY, RATE_LIMIT_ANON_MAX: '1000000000', RATE_LIMIT_KEY_MAX: '1000000000'
    }),
    start(['bench/bare-server.ts'], { PORT: String(barePort) })
  ]
  try {
    const app = `http://127.0.0.1:${appPort}`
    await Promise.all([waitUntilUp(`${app}/readyz`), waitUntilUp(`http://127.0.0.1:${barePort}/bare`)])
    // A stored key (resolved through the key cache) with its own large budget, so the limiter runs but never refuses.
    const created = await fetch(`${app}/v1/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ADMIN_KEY },
      body: JSON.stringify({ name: 'bench', scopes: ['prompts:read'], rateLimit: { max: 1_000_000_000, windowSeconds: 60 } })
    })
    const { key } = await created.json() as { key: string }
    const scenarios: Scenario[] = [
      { name: 'list (anonymous)', path: '/v1/prompts?category=sagas' },
      { name: 'get (anonymous)', path: '/v1/prompts/sagas-1' },
      { name: 'list with a key', path: '/v1/prompts?category=sagas', headers: { 'x-api-key': key } },
      { name: 'get with a key', path: '/v1/prompts/sagas-1', headers: { authorization: `Bearer ${key}` } }
    ]
    const bareUrl = `http://127.0.0.1:${barePort}/bare`
    await throughput(bareUrl) // warm-up
    // The machine is shared: each route is measured right after its own bare run, so load drift cancels out.
    console.log(`${CONNECTIONS} connections, ${DURATION_SECONDS} s per run; ratio = route / bare route measured just before it`)
    for (const scenario of scenarios) {
      const bare = await throughput(bareUrl)
      const measured = await throughput(app + scenario.path, scenario.headers)
      const ratio = measured.rps / bare.rps
      console.log(`${scenario.name.padEnd(18)} ${String(Math.round(measured.rps)).padStart(7)} req/s  p99 ${String(measured.p99).padStart(3)} ms  ` +
        `bare ${String(Math.round(bare.rps)).padStart(6)} req/s  ratio ${ratio.toFixed(2)}${measured.non2xx ? `  (${measured.non2xx} non-2xx!)` : ''}`)
    }
  } finally {
    for (const child of children) child.kill('SIGTERM')
    rmSync(directory, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
