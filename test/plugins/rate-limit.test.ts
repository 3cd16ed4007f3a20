import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

describe('per-key budgets', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp({ RATE_LIMIT_ANON_MAX: '3', RATE_LIMIT_KEY_MAX: '50' }) })
  after(async () => { await t.close() })

  async function createKey (body: object): Promise<{ id: string, key: string }> {
    return (await t.http.post('/v1/keys').set('x-api-key', TEST_ADMIN_KEY).send(body).expect(201)).body
  }

  it('gives a key limited to 5 a minute five 200s, then a 429 problem with Retry-After, while another key is unaffected', async () => {
    const limited = await createKey({ name: 'five', scopes: ['prompts:read'], rateLimit: { max: 5, windowSeconds: 60 } })
    const other = await createKey({ name: 'other', scopes: ['prompts:read'] })
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await t.http.get('/v1/prompts?category=sagas').set('x-api-key', limited.key)).status)
    assert.deepEqual(statuses, [200, 200, 200, 200, 200])
    const refused = await t.http.get('/v1/prompts?category=sagas').set('authorization', `Bearer ${limited.key}`)
    assert.equal(refused.status, 429)
    assert.match(refused.headers['content-type'] ?? '', /^application\/problem\+json/)
    assert.equal(refused.body.title, 'Too Many Requests')
    assert.equal(refused.body.status, 429)
    const retryAfter = Number(refused.headers['retry-after'])
    assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60, `Retry-After ${refused.headers['retry-after']}`)
    assert.equal(refused.headers['x-ratelimit-limit'], '5')
    assert.equal(refused.headers['x-ratelimit-remaining'], '0')
    assert.equal(refused.headers['ratelimit-policy'], '"key";q=5;w=60')
    assert.equal(refused.headers.ratelimit, `"key";r=0;t=${refused.headers['x-ratelimit-reset']}`)

    const fine = await t.http.get('/v1/prompts?category=sagas').set('x-api-key', other.key).expect(200)
    assert.equal(fine.headers['x-ratelimit-limit'], '50')
    assert.equal(fine.headers['x-ratelimit-remaining'], '49')
    // Anonymous callers from the same address have their own budget as well.
    await t.http.get('/v1/prompts?category=sagas').expect(200)
  })

  it('sends the exact rate-limit headers on every limited response', async () => {
    const key = await createKey({ name: 'headers', scopes: ['prompts:read'], rateLimit: { max: 10, windowSeconds: 30 } })
    const first = await t.http.get('/v1/categories').set('x-api-key', key.key).expect(200)
    assert.equal(first.headers['x-ratelimit-limit'], '10')
    assert.equal(first.headers['x-ratelimit-remaining'], '9')
    assert.equal(first.headers['x-ratelimit-reset'], '30')
    assert.equal(first.headers['ratelimit-policy'], '"key";q=10;w=30')
    assert.equal(first.headers.ratelimit, '"key";r=9;t=30')
    assert.equal(first.headers['retry-after'], undefined)
    const second = await t.http.get('/v1/prompts/sagas-1').set('x-api-key', key.key).expect(200)
    assert.equal(second.headers['x-ratelimit-remaining'], '8')
    assert.match(second.headers.ratelimit ?? '', /^"key";r=8;t=(29|30)$/)
    // Errors count and carry the headers too (here a 404 on a known route).
    const missing = await t.http.get('/v1/prompts/sagas-99').set('x-api-key', key.key).expect(404)
    assert.equal(missing.headers['x-ratelimit-remaining'], '7')
  })

  it('applies a changed budget on the next request', async () => {
    const key = await createKey({ name: 'changing', scopes: ['prompts:read'] })
    await t.http.get('/v1/tags').set('x-api-key', key.key).expect(200).expect('x-ratelimit-limit', '50')
    await t.http.patch(`/v1/keys/${key.id}`).set('x-api-key', TEST_ADMIN_KEY).send({ rateLimit: { max: 2, windowSeconds: 60 } }).expect(200)
    // A changed budget starts a fresh count.
    await t.http.get('/v1/tags').set('x-api-key', key.key).expect(200).expect('x-ratelimit-limit', '2').expect('x-ratelimit-remaining', '1')
    await t.http.get('/v1/tags').set('x-api-key', key.key).expect(200).expect('x-ratelimit-remaining', '0')
    await t.http.get('/v1/tags').set('x-api-key', key.key).expect(429)
  })
})

describe('anonymous budgets', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp({ RATE_LIMIT_ANON_MAX: '3' }) })
  after(async () => { await t.close() })

  it('limits callers without a key per IP address, unknown routes included, and says so in the headers', async () => {
    const first = await t.http.get('/v1/prompts?category=sagas').expect(200)
    assert.equal(first.headers['ratelimit-policy'], '"ip";q=3;w=60')
    assert.equal(first.headers.ratelimit, '"ip";r=2;t=60')
    const unknown = await t.http.get('/v1/no-such-route').expect(404)
    assert.equal(unknown.headers['x-ratelimit-remaining'], '1')
    await t.http.get('/nothing-here').expect(404)
    const refused = await t.http.get('/v1/no-such-route').expect(429)
    assert.match(refused.headers['content-type'] ?? '', /^application\/problem\+json/)
    assert.ok(Number(refused.headers['retry-after']) > 0)
    await t.http.get('/prompts?category=sagas').expect(429)
  })

  it('does not limit /healthz, /readyz, /docs and /openapi.json', async () => {
    for (let i = 0; i < 5; i++) {
      for (const path of ['/healthz', '/readyz', '/docs/', '/openapi.json']) {
        const res = await t.http.get(path).expect(200)
        assert.equal(res.headers['x-ratelimit-limit'], undefined, path)
        assert.equal(res.headers['ratelimit-policy'], undefined, path)
      }
    }
  })

  it('ignores X-Forwarded-For unless TRUST_PROXY is on', async () => {
    // This app does not trust proxies: a spoofed address does not buy a fresh budget.
    await t.http.get('/v1/tags').set('x-forwarded-for', '203.0.113.7').expect(429)
    const trusting = await buildTestApp({ RATE_LIMIT_ANON_MAX: '1', TRUST_PROXY: 'true' })
    try {
      await trusting.http.get('/v1/tags').set('x-forwarded-for', '203.0.113.7').expect(200)
      await trusting.http.get('/v1/tags').set('x-forwarded-for', '203.0.113.7').expect(429)
      await trusting.http.get('/v1/tags').set('x-forwarded-for', '203.0.113.8').expect(200)
    } finally {
      await trusting.close()
    }
    // Trusting only the proxy's own address: an address the client wrote in front of the proxy's does not count.
    const behindProxy = await buildTestApp({ RATE_LIMIT_ANON_MAX: '1', TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' })
    try {
      await behindProxy.http.get('/v1/tags').set('x-forwarded-for', '198.51.100.1, 203.0.113.7').expect(200)
      await behindProxy.http.get('/v1/tags').set('x-forwarded-for', '198.51.100.2, 203.0.113.7').expect(429)
      await behindProxy.http.get('/v1/tags').set('x-forwarded-for', '198.51.100.3, 203.0.113.8').expect(200)
    } finally {
      await behindProxy.close()
    }
  })
})
