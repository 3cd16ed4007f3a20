import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

describe('/v1/keys', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })
  const admin = (request: ReturnType<TestApp['http']['get']>): typeof request => request.set('authorization', `Bearer ${TEST_ADMIN_KEY}`)

  it('creates a key, shows its secret once, and stores only its SHA-256', async () => {
    const res = await admin(t.http.post('/v1/keys')).send({ name: 'ci-pipeline', scopes: ['prompts:read', 'prompts:write'], rateLimit: { max: 100, windowSeconds: 10 } }).expect(201)
    const { id, key } = res.body
    assert.match(id, /^key_[A-Za-z0-9_-]{12}$/)
    assert.match(key, /^psk_[A-Za-z0-9_-]{43}$/)
    assert.equal(res.headers.location, `/v1/keys/${id}`)
    assert.equal(res.headers['cache-control'], 'no-store')
    assert.deepEqual({ ...res.body, key: undefined, createdAt: undefined }, {
      id, key: undefined, createdAt: undefined, name: 'ci-pipeline', prefix: key.slice(0, 10), scopes: ['prompts:read', 'prompts:write'], rateLimit: { max: 100, windowSeconds: 10 }, revokedAt: null
    })

    const row = t.app.library.store.sqlite.prepare('SELECT * FROM api_keys WHERE id = ?').get(id) as Record<string, unknown>
    assert.equal(row.hash, createHash('sha256').update(key).digest('hex'))
    assert.ok(!Object.values(row).some((value) => typeof value === 'string' && value.includes(key)), 'the secret is not stored')

    const listed = await admin(t.http.get('/v1/keys')).expect(200)
    const item = listed.body.items.find((k: { id: string }) => k.id === id)
    assert.equal(item.name, 'ci-pipeline')
    assert.equal(item.key, undefined)
    assert.equal(item.hash, undefined)
    assert.ok(!listed.text.includes(key))
    const one = await admin(t.http.get(`/v1/keys/${id}`)).expect(200)
    assert.deepEqual(one.body, item)
    // The unversioned alias answers too.
    await admin(t.http.get(`/keys/${id}`)).expect(200)
  })

  it('gives a key without its own budget the service default', async () => {
    const res = await admin(t.http.post('/v1/keys')).send({ name: 'plain', scopes: ['prompts:read'] }).expect(201)
    assert.deepEqual(res.body.rateLimit, { max: 100000, windowSeconds: 60 })
  })

  it('revokes a key with effect on the very next request', async () => {
    const { id, key } = (await admin(t.http.post('/v1/keys')).send({ name: 'short-lived', scopes: ['admin'] }).expect(201)).body
    await t.http.get('/v1/keys').set('x-api-key', key).expect(200)
    await t.http.delete(`/v1/keys/${id}`).set('x-api-key', key).expect(204)
    const refused = await t.http.get('/v1/prompts?category=sagas').set('x-api-key', key).expect(401)
    assert.match(refused.body.detail, /unknown or revoked/)
    const listed = await admin(t.http.get(`/v1/keys/${id}`)).expect(200)
    assert.match(listed.body.revokedAt, /^\d{4}-\d\d-\d\dT/)
    await admin(t.http.delete(`/v1/keys/${id}`)).expect(204)
    const patch = await admin(t.http.patch(`/v1/keys/${id}`)).send({ name: 'again' }).expect(409)
    assert.equal(patch.body.title, 'Conflict')
  })

  it('changes scopes with effect on the next request, and returns to the default budget with rateLimit null', async () => {
    const { id, key } = (await admin(t.http.post('/v1/keys')).send({ name: 'growing', scopes: ['prompts:read'], rateLimit: { max: 7, windowSeconds: 60 } }).expect(201)).body
    await t.http.get('/v1/keys').set('x-api-key', key).expect(403)
    const changed = await admin(t.http.patch(`/v1/keys/${id}`)).send({ scopes: ['admin'], name: 'grown' }).expect(200)
    assert.deepEqual([changed.body.name, changed.body.scopes, changed.body.rateLimit], ['grown', ['admin'], { max: 7, windowSeconds: 60 }])
    await t.http.get('/v1/keys').set('x-api-key', key).expect(200)
    const reset = await admin(t.http.patch(`/v1/keys/${id}`)).send({ rateLimit: null }).expect(200)
    assert.deepEqual(reset.body.rateLimit, { max: 100000, windowSeconds: 60 })
  })

  it('answers 404 for an unknown key id and 400 for a malformed one', async () => {
    await admin(t.http.get('/v1/keys/key_AAAAAAAAAAAA')).expect(404)
    await admin(t.http.delete('/v1/keys/key_AAAAAAAAAAAA')).expect(404)
    await admin(t.http.patch('/v1/keys/key_AAAAAAAAAAAA')).send({ name: 'x' }).expect(404)
    const bad = await admin(t.http.get('/v1/keys/not-a-key')).expect(400)
    assert.equal(bad.body.errors[0].pointer, '#/params/id')
  })

  it('rejects invalid bodies with pointers', async () => {
    const cases: Array<[object, string]> = [
      [{ name: 'x', scopes: ['prompts:delete'] }, '#/scopes/0'],
      [{ name: 'x', scopes: [] }, '#/scopes'],
      [{ scopes: ['admin'] }, '#/name'],
      [{ name: '', scopes: ['admin'] }, '#/name'],
      [{ name: 'x'.repeat(101), scopes: ['admin'] }, '#/name'],
      [{ name: 'tab\there', scopes: ['admin'] }, '#/name'],
      [{ name: 'x', scopes: ['admin'], owner: 'me' }, '#/owner'],
      [{ name: 'x', scopes: ['admin'], rateLimit: { max: 0, windowSeconds: 60 } }, '#/rateLimit/max'],
      [{ name: 'x', scopes: ['admin'], rateLimit: { max: 5 } }, '#/rateLimit/windowSeconds']
    ]
    for (const [body, pointer] of cases) {
      const res = await admin(t.http.post('/v1/keys')).send(body).expect(400)
      assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/)
      assert.ok(res.body.errors.some((error: { pointer: string }) => error.pointer === pointer), `${JSON.stringify(body)}: ${JSON.stringify(res.body.errors)}`)
    }
    await admin(t.http.patch('/v1/keys/key_AAAAAAAAAAAA')).send({}).expect(400)
  })

  it('documents the security schemes and the scope of every route', async () => {
    const doc = (await t.http.get('/openapi.json').expect(200)).body
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['apiKeyHeader', 'bearerAuth'])
    assert.equal(doc.components.securitySchemes.apiKeyHeader.name, 'X-API-Key')
    for (const method of ['get', 'post']) {
      assert.deepEqual(doc.paths['/v1/keys'][method].security, [{ bearerAuth: ['admin'] }, { apiKeyHeader: ['admin'] }])
      assert.match(doc.paths['/v1/keys'][method].description, /Scope: `admin`/)
      assert.ok(doc.paths['/v1/keys'][method].responses['403'])
    }
    const list = doc.paths['/v1/prompts'].get
    assert.deepEqual(list.security, [{}, { bearerAuth: [] }, { apiKeyHeader: [] }])
    assert.ok(list.responses['401'] && list.responses['429'])
    assert.match(doc.info.description, /fail-open to per-instance limits/)
  })
})
