// Limits shared through Redis, and what happens when Redis is not there. Tests that need a Redis server read
// REDIS_TEST_URL (CI starts one); the outage test starts and stops its own redis-server when the binary exists.
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import type { FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import { redisLimiterStore } from '../../src/plugins/rate-limit-store.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const REDIS_TEST_URL = process.env.REDIS_TEST_URL
const NEEDS_REDIS = REDIS_TEST_URL ? false : 'skipped: REDIS_TEST_URL is not set, so the tests that need a Redis server did not run'
const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0
const NEEDS_REDIS_SERVER = HAS_REDIS_SERVER ? false : 'skipped: no redis-server binary, so the Redis outage test did not run'

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function waitFor (what: string, condition: () => boolean | Promise<boolean>, ms = 6000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function capturingLogger (): { log: FastifyBaseLogger, lines: Array<{ level: number, msg: string }> } {
  const lines: Array<{ level: number, msg: string }> = []
  const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)) } })
  return { log: log as unknown as FastifyBaseLogger, lines }
}

async function createKey (t: TestApp, max: number): Promise<{ id: string, key: string }> {
  return (await t.http.post('/v1/keys').set('x-api-key', TEST_ADMIN_KEY)
    .send({ name: 'shared', scopes: ['prompts:read'], rateLimit: { max, windowSeconds: 60 } }).expect(201)).body
}

describe('Redis unreachable at start', () => {
  it('keeps answering and enforces every budget per instance in memory', async () => {
    const port = await freePort()
    const started = Date.now()
    const t = await buildTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` })
    try {
      assert.ok(Date.now() - started < 4000, 'start-up does not hang on a closed Redis port')
      assert.equal(t.app.rateLimitShared(), false)
      const key = await createKey(t, 2)
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await t.http.get('/v1/prompts?category=sagas').set('x-api-key', key.key)).status)
      assert.deepEqual(statuses, [200, 200, 429])
    } finally {
      await t.close()
    }
  })

  it('logs a warning once', async () => {
    const port = await freePort()
    const { log, lines } = capturingLogger()
    const store = await redisLimiterStore(`redis://127.0.0.1:${port}`, log)
    try {
      await new Promise((resolve) => setTimeout(resolve, 600))
      const warnings = lines.filter((line) => line.level === 40)
      assert.equal(warnings.length, 1, JSON.stringify(lines))
      assert.match(warnings[0]!.msg, /Redis is unreachable; limits are kept per instance/)
      assert.equal(store.shared(), false)
    } finally {
      await store.close()
    }
  })
})

describe('Redis shared by two instances', () => {
  it('two app instances on one Redis share one key\'s budget', { skip: NEEDS_REDIS }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'promptshelf-redis-'))
    const a = await buildTestApp({ REDIS_URL: REDIS_TEST_URL! }, directory)
    const b = await buildTestApp({ REDIS_URL: REDIS_TEST_URL! }, directory)
    try {
      assert.equal(a.app.rateLimitShared(), true, 'instance a reached Redis at REDIS_TEST_URL')
      assert.equal(b.app.rateLimitShared(), true, 'instance b reached Redis at REDIS_TEST_URL')
      const key = await createKey(a, 4)
      const remaining = []
      for (const instance of [a, b, a, b]) {
        const res = await instance.http.get('/v1/prompts?category=sagas').set('x-api-key', key.key).expect(200)
        remaining.push(res.headers['x-ratelimit-remaining'])
      }
      assert.deepEqual(remaining, ['3', '2', '1', '0'])
      await a.http.get('/v1/prompts?category=sagas').set('x-api-key', key.key).expect(429)
      const refused = await b.http.get('/v1/prompts?category=sagas').set('x-api-key', key.key).expect(429)
      assert.ok(Number(refused.headers['retry-after']) > 0)
    } finally {
      await b.app.close()
      await a.close()
    }
  })

  it('applies a loosened budget at once, though Redis still holds the old window', { skip: NEEDS_REDIS }, async () => {
    const t = await buildTestApp({ REDIS_URL: REDIS_TEST_URL! })
    try {
      const key = (await t.http.post('/v1/keys').set('x-api-key', TEST_ADMIN_KEY)
        .send({ name: 'loosened', scopes: ['prompts:read'], rateLimit: { max: 1, windowSeconds: 3600 } }).expect(201)).body as { id: string, key: string }
      await t.http.get('/v1/tags').set('x-api-key', key.key).expect(200)
      await t.http.get('/v1/tags').set('x-api-key', key.key).expect(429).expect('retry-after', /^3[56]\d\d$/)
      await t.http.patch(`/v1/keys/${key.id}`).set('x-api-key', TEST_ADMIN_KEY).send({ rateLimit: { max: 3, windowSeconds: 1 } }).expect(200)
      const res = await t.http.get('/v1/tags').set('x-api-key', key.key).expect(200)
      assert.equal(res.headers['ratelimit-policy'], '"key";q=3;w=1')
      assert.ok(Number(res.headers['x-ratelimit-reset']) <= 1)
    } finally {
      await t.close()
    }
  })

  it('refuses a key revoked on another instance on its next request', { skip: NEEDS_REDIS }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'promptshelf-redis-'))
    const a = await buildTestApp({ REDIS_URL: REDIS_TEST_URL! }, directory)
    const b = await buildTestApp({ REDIS_URL: REDIS_TEST_URL! }, directory)
    try {
      const key = (await a.http.post('/v1/keys').set('x-api-key', TEST_ADMIN_KEY).send({ name: 'admin two', scopes: ['admin'] }).expect(201)).body as { id: string, key: string }
      await a.http.get('/v1/keys').set('x-api-key', key.key).expect(200)
      await b.http.delete(`/v1/keys/${key.id}`).set('x-api-key', TEST_ADMIN_KEY).expect(204)
      await a.http.get('/v1/keys').set('x-api-key', key.key).expect(401)
      await a.http.post('/v1/keys').set('x-api-key', key.key).send({ name: 'sneaky', scopes: ['admin'] }).expect(401)
    } finally {
      await b.app.close()
      await a.close()
    }
  })
})

describe('Redis going down and coming back', () => {
  it('falls back to per-instance limits, logs it, and shares again once Redis is back', { skip: NEEDS_REDIS_SERVER, timeout: 30_000 }, async () => {
    const port = await freePort()
    const directory = mkdtempSync(join(tmpdir(), 'promptshelf-redis-down-'))
    const startRedis = async (): Promise<ChildProcess> => {
      const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory], { stdio: 'ignore' })
      return child
    }
    let redis = await startRedis()
    const { log, lines } = capturingLogger()
    await waitFor('redis-server to accept connections', async () => {
      const probe = await redisLimiterStore(`redis://127.0.0.1:${port}`, pino({ level: 'silent' }) as unknown as FastifyBaseLogger)
      const up = probe.shared()
      await probe.close()
      return up
    })
    const store = await redisLimiterStore(`redis://127.0.0.1:${port}`, log)
    const t = await buildTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` }, directory)
    try {
      assert.equal(t.app.rateLimitShared(), true)
      const key = await createKey(t, 3)
      await t.http.get('/v1/tags').set('x-api-key', key.key).expect(200).expect('x-ratelimit-remaining', '2')

      redis.kill('SIGKILL')
      await waitFor('the app to notice', () => !t.app.rateLimitShared())
      // Still answering, now counting in memory with the same budget.
      const statuses = []
      for (let i = 0; i < 4; i++) statuses.push((await t.http.get('/v1/tags').set('x-api-key', key.key)).status)
      assert.deepEqual(statuses, [200, 200, 200, 429])
      await waitFor('the warning', () => lines.some((line) => line.level === 40))

      redis = await startRedis()
      await waitFor('the app to reconnect', () => t.app.rateLimitShared(), 10_000)
      await waitFor('the recovery log line', () => lines.some((line) => line.level === 30 && /reachable again/.test(line.msg)), 10_000)
      // Back on Redis, where the window restarted with the new server.
      await t.http.get('/v1/tags').set('x-api-key', key.key).expect(200).expect('x-ratelimit-remaining', '2')
    } finally {
      await store.close()
      await t.close()
      redis.kill('SIGKILL')
    }
  })
})
