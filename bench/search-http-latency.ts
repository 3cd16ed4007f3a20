// `npm run search:http-latency -- <store.db>`: latency of uncached searches over HTTP on loopback. The server runs
// as a child process on the given store (build one with `npm run bench:library` and `npm run import`); each
// labelled query is sent once per round, each time with a limit it was not sent with before, so that the read
// cache cannot answer. Requests go one at a time, with an API key; the median and p95 are over every request.
import { type ChildProcess, spawn } from 'node:child_process'
import { projectRoot } from '../src/project-root.js'
import { loadQueries } from '../test/search-eval/evaluate.js'

const path = process.argv[2]
if (path === undefined) throw new Error('usage: npm run search:http-latency -- <store.db>')
const ROUNDS = 15
const KEY = 'bench-admin-key-0123456789abcdef'

function start (): Promise<{ child: ChildProcess, url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: projectRoot,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', DATABASE_PATH: path!, ADMIN_API_KEY: KEY, RATE_LIMIT_KEY_MAX: '1000000000' },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const timer = setTimeout(() => reject(new Error('the server did not start in 120 s')), 120_000)
    let seen = ''
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString()
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(seen)
      if (!match) return
      clearTimeout(timer)
      child.stdout!.off('data', onData).resume()
      resolve({ child, url: match[1]! })
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)))
  })
}

const server = await start()
try {
  const queries = loadQueries().map((query) => query.q)
  const times: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of queries) {
      // Round r asks for limit r + 1: no (q, limit) pair is asked twice, so every answer is computed.
      const url = `${server.url}/v1/prompts?q=${encodeURIComponent(q)}&limit=${round + 1}`
      const started = performance.now()
      const response = await fetch(url, { headers: { authorization: `Bearer ${KEY}` } })
      await response.arrayBuffer()
      const elapsed = performance.now() - started
      if (response.status !== 200) throw new Error(`${url}: ${response.status}`)
      if (round > 0) times.push(elapsed) // round 0 warms the JIT and the vocabulary
    }
  }
  times.sort((a, b) => a - b)
  const at = (share: number): number => times[Math.min(times.length - 1, Math.floor(share * times.length))]!
  const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  console.log(`${queries.length} queries x ${ROUNDS - 1} rounds over HTTP, each with a new limit; load average ${load}`)
  console.log(`uncached search latency: median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(2)} ms`)
} finally {
  server.child.kill('SIGTERM')
}
