// CORS: off unless CORS_ORIGINS is set; then allowed origins get their preflight and the headers they read.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

const ALLOWED = 'https://app.example.com'

describe('CORS with CORS_ORIGINS set', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp({ CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` }) })
  after(async () => { await t.close() })

  it('answers an allowed origin\'s preflight, without counting it against the rate limit', async () => {
    const preflight = await t.http.options('/v1/prompts/sagas-1')
      .set('Origin', ALLOWED).set('Access-Control-Request-Method', 'PATCH').set('Access-Control-Request-Headers', 'authorization, if-match, content-type')
      .expect(204)
    assert.equal(preflight.headers['access-control-allow-origin'], ALLOWED)
    assert.match(preflight.headers['access-control-allow-methods']!, /PATCH/)
    assert.match(preflight.headers['access-control-allow-headers']!, /If-Match/i)
    assert.equal(preflight.headers['access-control-allow-credentials'], undefined)
    assert.equal(preflight.headers['x-ratelimit-limit'], undefined)
  })

  it('lets an allowed origin read ETag and the rate-limit headers', async () => {
    const answer = await t.http.get('/v1/prompts/sagas-1').set('Origin', ALLOWED).expect(200)
    assert.equal(answer.headers['access-control-allow-origin'], ALLOWED)
    assert.match(answer.headers.vary ?? '', /Origin/i)
    const exposed = answer.headers['access-control-expose-headers']!.split(',').map((name) => name.trim().toLowerCase())
    for (const name of ['etag', 'location', 'retry-after', 'ratelimit', 'ratelimit-policy', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
      assert.ok(exposed.includes(name), name)
    }
  })

  it('gives another origin nothing to read', async () => {
    const answer = await t.http.get('/v1/prompts/sagas-1').set('Origin', 'https://evil.example').expect(200)
    assert.equal(answer.headers['access-control-allow-origin'], undefined)
    const preflight = await t.http.options('/v1/prompts').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST')
    assert.equal(preflight.headers['access-control-allow-origin'], undefined)
  })
})

describe('CORS without CORS_ORIGINS', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('sends no CORS headers, and a preflight finds no route', async () => {
    const answer = await t.http.get('/v1/prompts/sagas-1').set('Origin', ALLOWED).expect(200)
    assert.equal(answer.headers['access-control-allow-origin'], undefined)
    assert.equal(answer.headers['access-control-expose-headers'], undefined)
    const preflight = await t.http.options('/v1/prompts').set('Origin', ALLOWED).set('Access-Control-Request-Method', 'POST')
    assert.equal(preflight.headers['access-control-allow-origin'], undefined)
    assert.equal(preflight.status, 404)
  })
})
