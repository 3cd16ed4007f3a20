// Security headers on the HTML pages (Swagger UI at /docs), not on JSON answers.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

describe('HTML security headers', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('serves /docs with a same-origin CSP and the other helmet headers', async () => {
    const page = await t.http.get('/docs/').expect(200).expect('content-type', /text\/html/)
    const csp = page.headers['content-security-policy']!
    assert.match(csp, /default-src 'self'/)
    assert.match(csp, /script-src 'self'(;|$)/)
    assert.match(csp, /object-src 'none'/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.equal(page.headers['x-content-type-options'], 'nosniff')
    assert.ok(page.headers['x-frame-options'])
    assert.ok(page.headers['referrer-policy'])
    const script = await t.http.get('/docs/static/swagger-ui-bundle.js').expect(200)
    assert.ok(script.headers['content-security-policy'])
  })

  it('leaves JSON answers without them', async () => {
    const answer = await t.http.get('/v1/tags').expect(200)
    assert.equal(answer.headers['content-security-policy'], undefined)
  })
})
