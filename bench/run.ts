// `npm run bench`: what a client pays on promptshelf's routes, as ratios of a bare Fastify route measured in the
// same run. wrk drives 32 connections with an API key; promptshelf runs as in production, with the rate limiter
// counting every request against the key's budget and one log line per request (read and dropped). For each run
// it reports requests per second and the server process's CPU time per request (utime + stime from
// /proc/PID/stat over the run, divided by the requests wrk completed). Each route runs right after the bare
// route, round after round; a ratio is the median over the rounds. Both servers are child processes on 127.0.0.1.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { projectRoot } from '../src/project-root.js'
import { cpuSeconds } from './process-cpu.js'
import { loadQueries } from '../test/search-eval/evaluate.js'
import { partialsRenderTarget } from './partials-target.js'

interface Target {
  name: string
  method?: 'GET' | 'POST'
  path: string
  /** When given, each connection cycles through these paths instead of repeating `path`. */
  paths?: string[]
  body?: string
  /** Headers beside the key and the JSON content type. */
  headers?: Record<string, string>
}

interface RunResult {
  rps: number
  cpuMicrosPerRequest: number
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5))
const WRK = process.env.WRK ?? '/usr/bin/wrk'
const run = promisify(execFile)

// The key every request carries: the admin key from the environment, with the service's (very large) key budget.
const BENCH_KEY = 'bench-admin-key-0123456789abcdef'

const TARGETS: Target[] = [
  { name: 'GET /healthz (hooks only, no limiter)', path: '/healthz' },
  { name: 'GET /v1/prompts?category=sagas', path: '/v1/prompts?category=sagas' },
  { name: 'GET /v1/prompts/sagas-1', path: '/v1/prompts/sagas-1' },
  {
    name: 'GET /v1/prompts?q=… (repeated search)',
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

function median (values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function start (args: string[], env: Record<string, string>): Promise<{ child: ChildProcess, url: string }> {
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
      // From here on the log is only read and dropped, like a log shipped to /dev/null.
      child.stdout!.off('data', onData).resume()
      resolve({ child, url: match[1]! })
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)))
  })
}

/** A wrk Lua script: the method, headers and body of every request, and a path per request when paths are given. */
function script (directory: string, target: Target): string {
  const lines = [
    `wrk.method = "${target.method ?? 'GET'}"`,
    `wrk.headers["authorization"] = "Bearer ${BENCH_KEY}"`,
    'wrk.headers["content-type"] = "application/json"'
  ]
  for (const [name, value] of Object.entries(target.headers ?? {})) lines.push(`wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`)
  if (target.body !== undefined) lines.push(`wrk.body = ${JSON.stringify(target.body)}`)
  if (target.paths) {
    lines.push(`local paths = { ${target.paths.map((path) => JSON.stringify(path)).join(', ')} }`,
      'local i = 0',
      'request = function()',
      '  i = i % #paths + 1',
      '  return wrk.format(nil, paths[i])',
      'end')
  }
  const file = join(directory, `${target.name.replace(/[^a-z0-9]+/gi, '-')}.lua`)
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

async function measure (server: { child: ChildProcess, url: string }, target: Target, scriptFile: string, seconds = SECONDS): Promise<RunResult> {
  const before = cpuSeconds(server.child.pid!)
  const { stdout } = await run(WRK, ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '-s', scriptFile, server.url + target.path])
  const cpu = cpuSeconds(server.child.pid!) - before
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1])
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1])
  const failed = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0)
  const errors = /Socket errors: (.*)/.exec(stdout)?.[1]
  if (!(requests > 0) || failed > 0 || errors !== undefined) {
    throw new Error(`${target.name}: ${failed} non-2xx responses, socket errors: ${errors ?? 'none'}\n${stdout}`)
  }
  return { rps, cpuMicrosPerRequest: cpu * 1e6 / requests }
}

const directory = mkdtempSync(join(tmpdir(), 'promptshelf-bench-'))
const children: ChildProcess[] = []
try {
  const bare = await start(['bench/bare-server.ts'], {})
  children.push(bare.child)
  const service = await start(['src/server.ts'], {
    HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', DATABASE_PATH: join(directory, 'bench.db'),
    RATE_LIMIT_ANON_MAX: '1000000000', RATE_LIMIT_KEY_MAX: '1000000000', ADMIN_API_KEY: BENCH_KEY
  })
  children.push(service.child)
  TARGETS.push(await partialsRenderTarget(service.url, BENCH_KEY))

  const bareTarget: Target = { name: 'bare Fastify route', path: '/bare' }
  const bareScript = script(directory, bareTarget)
  const scripts = TARGETS.map((target) => script(directory, target))
  // Warm-up: both processes' code paths are compiled by the JIT before anything is measured.
  await measure(bare, bareTarget, bareScript, 2)
  for (const [index, target] of TARGETS.entries()) await measure(service, target, scripts[index]!, 1)

  const rounds = TARGETS.map(() => [] as Array<{ rps: number, cpu: number, bareRps: number, bareCpu: number }>)
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, target] of TARGETS.entries()) {
      const yardstick = await measure(bare, bareTarget, bareScript)
      const result = await measure(service, target, scripts[index]!)
      rounds[index]!.push({ rps: result.rps, cpu: result.cpuMicrosPerRequest, bareRps: yardstick.rps, bareCpu: yardstick.cpuMicrosPerRequest })
    }
  }

  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  console.log(`\nwrk, ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds, with an API key, limiter and request logs on; load average ${load}`)
  console.log('ratio = bare route ÷ route for CPU per request, route ÷ bare route for req/s (1.00: as cheap as the bare route); median over rounds')
  console.log(`${'route'.padEnd(42)} ${'CPU ratio'.padStart(9)} ${'req/s ratio'.padStart(11)}   CPU µs/req (bare)   each round's CPU ratio`)
  TARGETS.forEach((target, index) => {
    const each = rounds[index]!
    const cpuRatio = median(each.map((r) => r.bareCpu / r.cpu))
    const rpsRatio = median(each.map((r) => r.rps / r.bareRps))
    const micros = `${median(each.map((r) => r.cpu)).toFixed(0)} (${median(each.map((r) => r.bareCpu)).toFixed(0)})`
    console.log(`${target.name.padEnd(42)} ${cpuRatio.toFixed(2).padStart(9)} ${rpsRatio.toFixed(2).padStart(11)}   ${micros.padEnd(17)}   ${each.map((r) => (r.bareCpu / r.cpu).toFixed(2)).join(' ')}`)
  })
} finally {
  for (const child of children) child.kill('SIGTERM')
  rmSync(directory, { recursive: true, force: true })
}
