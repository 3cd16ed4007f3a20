import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { after, before, describe, it } from 'node:test'
import supertest from 'supertest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { TEST_ADMIN_KEY, testEnv } from '../helpers/test-app.js'

type Agent = ReturnType<typeof supertest>

/** A real app plus one route guarded by prompts:write, standing in for every write route. */
async function appWithWriteProbe (env: Record<string, string> = {}): Promise<{ app: FastifyInstance, http: Agent, close: () => Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-auth-'))
  const app = await buildApp(loadConfig(testEnv(directory, env)))
  await app.register(async (v1) => {
    v1.post('/write-probe', { preHandler: v1.requireScope('prompts:write'), schema: { response: { 200: { type: 'object', properties: { by: { type: 'string' } } } } } },
      async (request) => ({ by: request.principal.name }))
  }, { prefix: '/v1' })
  await app.ready()
  return { app, http: supertest(app.server), close: async () => { await app.close(); rmSync(directory, { recursive: true, force: true }) } }
}

async function createKey (http: Agent, body: object): Promise<{ id: string, key: string }> {
  const res = await http.post('/v1/keys').set('authorization', `Bearer ${TEST_ADMIN_KEY}`).send(body).expect(201)
  return res.body
}

function assertProblem (res: supertest.Response, status: number): void {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`)
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/)
  assert.equal(res.body.status, status)
  assert.equal(typeof res.body.detail, 'string')
}

describe('scopes', () => {
  let t: Awaited<ReturnType<typeof appWithWriteProbe>>
  const secrets: Record<string, string | undefined> = {}
  before(async () => {
    t = await appWithWriteProbe()
    secrets.read = (await createKey(t.http, { name: 'reader', scopes: ['prompts:read'] })).key
    secrets.write = (await createKey(t.http, { name: 'writer', scopes: ['prompts:write'] })).key
    secrets.admin = (await createKey(t.http, { name: 'admin', scopes: ['admin'] })).key
    secrets.env = TEST_ADMIN_KEY
    const revoked = await createKey(t.http, { name: 'gone', scopes: ['admin'] })
    await t.http.delete(`/v1/keys/${revoked.id}`).set('x-api-key', TEST_ADMIN_KEY).expect(204)
    secrets.revoked = revoked.key
    secrets.unknown = 'psk_' + 'A'.repeat(43)
    secrets.anonymous = undefined
  })
  after(async () => { await t.close() })

  // principal -> [read route, write route, admin route]
  const matrix: Record<string, [number, number, number]> = {
    anonymous: [200, 401, 401],
    read: [200, 403, 403],
    write: [200, 200, 403],
    admin: [200, 200, 200],
    env: [200, 200, 200],
    revoked: [401, 401, 401],
    unknown: [401, 401, 401]
  }
  for (const [who, [read, write, admin]] of Object.entries(matrix)) {
    it(`${who}: read ${read}, write ${write}, admin ${admin}`, async () => {
      const withKey = (request: supertest.Test): supertest.Test => secrets[who] === undefined ? request : request.set('authorization', `Bearer ${secrets[who]!}`)
      const results = [
        await withKey(t.http.get('/v1/prompts?category=sagas')),
        await withKey(t.http.post('/v1/write-probe')),
        await withKey(t.http.get('/v1/keys'))
      ]
      assert.deepEqual(results.map((res) => res.status), [read, write, admin])
      for (const res of results) if (res.status >= 400) assertProblem(res, res.status)
      if (read === 200) assert.deepEqual(results[0]!.body.items.map((p: { id: string }) => p.id), ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5'])
    })
  }

  it('accepts the key as X-API-Key as well as Bearer, and names the key as the principal', async () => {
    const bearer = await t.http.post('/v1/write-probe').set('authorization', `Bearer ${secrets.write!}`).expect(200)
    const header = await t.http.post('/v1/write-probe').set('x-api-key', secrets.write!).expect(200)
    assert.equal(bearer.body.by, 'writer')
    assert.equal(header.body.by, 'writer')
  })

  it('says which scope is missing', async () => {
    const res = await t.http.get('/v1/keys').set('x-api-key', secrets.read!)
    assertProblem(res, 403)
    assert.match(res.body.detail, /admin/)
  })

  it('refuses a key in the URL, even a valid one', async () => {
    for (const name of ['api_key', 'key', 'access_token', 'api%5Fkey', 'API_KEY', 'Api_Key[]']) {
      const res = await t.http.get(`/v1/keys?${name}=${TEST_ADMIN_KEY}`)
      assertProblem(res, 401)
      assert.match(res.body.detail, /never accepted in the URL/)
    }
    assertProblem(await t.http.get(`/prompts?category=sagas&api_key=${secrets.read!}`), 401)
    assertProblem(await t.http.get(`/v1/tags?API_KEY=${secrets.read!}`), 401)
  })

  it('answers 401 problems, never 500, for malformed credentials', async () => {
    const cases: Array<[string, string]> = [
      ['authorization', ''],
      ['authorization', 'Bearer'],
      ['authorization', 'Bearer '],
      ['authorization', `Basic ${Buffer.from('admin:secret').toString('base64')}`],
      ['authorization', `Bearer ${'x'.repeat(5000)}`],
      ['authorization', 'Bearer a b'],
      ['authorization', `Bearer ${TEST_ADMIN_KEY}\u00e9`],
      ['authorization', 'Bearer \u00ff\u00fe'],
      ['x-api-key', ''],
      ['x-api-key', 'k'.repeat(201)],
      ['x-api-key', 'ключ']
    ]
    for (const [header, value] of cases) {
      const res = await t.http.get('/v1/prompts?category=sagas').set(header, Buffer.from(value, 'latin1').toString('latin1'))
      assertProblem(res, 401)
    }
  })

  it('keeps /healthz, /readyz and /docs public whatever credentials are sent', async () => {
    await t.http.get('/healthz').set('x-api-key', 'bogus').expect(200)
    await t.http.get('/readyz').set('authorization', 'Basic abc').expect(200)
    await t.http.get('/docs/').set('x-api-key', 'bogus').expect(200)
  })
})

describe('guessing keys', () => {
  it('runs into the per-IP limit: refused keys are counted against the address before the 401', async () => {
    const t = await appWithWriteProbe({ RATE_LIMIT_ANON_MAX: '5' })
    try {
      const statuses = []
      for (let i = 0; i < 7; i++) statuses.push((await t.http.get('/v1/prompts').set('x-api-key', `psk_guess${i}`)).status)
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429])
      // The same address without a key is out of budget too; a valid key has its own budget.
      await t.http.get('/v1/prompts').expect(429)
      await t.http.get('/v1/prompts').set('x-api-key', TEST_ADMIN_KEY).expect(200)
    } finally {
      await t.close()
    }
  })

  it('counts guesses against unknown paths too: they answer 404 and then 429, never telling keys apart unlimited', async () => {
    const t = await appWithWriteProbe({ RATE_LIMIT_ANON_MAX: '3' })
    try {
      const statuses = []
      for (let i = 0; i < 5; i++) statuses.push((await t.http.get(`/v1/no-such-thing-${i}`).set('authorization', `Bearer psk_guess${i}`)).status)
      assert.deepEqual(statuses, [404, 404, 404, 429, 429])
      await t.http.get('/v1/prompts').set('x-api-key', 'psk_guess').expect(429)
    } finally {
      await t.close()
    }
  })
})
