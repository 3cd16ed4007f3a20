import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ABANDONED_AFTER_MS, requestFingerprint } from '../../src/services/idempotency.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const AUTH = { authorization: `Bearer ${TEST_ADMIN_KEY}` }
const OWNER = 'admin-env'

describe('Idempotency-Key on POST /v1/prompts', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  const liveCount = (): number => t.app.library.prompts.liveCount()

  it('replays the first response (status, body, Location, ETag) and creates one prompt', async () => {
    const countBefore = liveCount()
    const body = { category: 'sagas', template: 'Plan a {{trip}}', tags: ['travel'] }
    const first = await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-replay-1').send(body).expect(201)
    assert.equal(first.headers['idempotent-replayed'], undefined)
    // The same body with its keys in another order is the same request.
    const again = await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-replay-1')
      .send({ tags: ['travel'], template: 'Plan a {{trip}}', category: 'sagas' }).expect(201)
    assert.equal(again.headers['idempotent-replayed'], 'true')
    assert.equal(again.headers.location, first.headers.location)
    assert.equal(again.headers.etag, first.headers.etag)
    assert.deepEqual(again.body, first.body)
    assert.equal(liveCount(), countBefore + 1)
  })

  it('replays one creation for parallel requests with one key', async () => {
    const countBefore = liveCount()
    const body = { category: 'sagas', template: 'Parallel {{x}}' }
    const responses = await Promise.all(Array.from({ length: 8 }, () =>
      t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-parallel').send(body)))
    assert.ok(responses.every((res) => res.status === 201), responses.map((res) => res.status).join())
    assert.equal(new Set(responses.map((res) => res.body.id)).size, 1)
    assert.equal(responses.filter((res) => res.headers['idempotent-replayed'] === 'true').length, 7)
    assert.equal(liveCount(), countBefore + 1)
  })

  it('answers 422 for the same key with another body, creating nothing', async () => {
    await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-mismatch').send({ category: 'sagas', template: 'One' }).expect(201)
    const countBefore = liveCount()
    const res = await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-mismatch').send({ category: 'sagas', template: 'Two' })
    assert.equal(res.status, 422)
    assert.match(res.headers['content-type']!, /application\/problem\+json/)
    assert.equal(liveCount(), countBefore)
  })

  it('answers 409 while the first request with the key is still in flight, 422 if the body differs', async () => {
    // Another process has reserved the key for this very body and not committed its work yet.
    const body = { category: 'sagas', template: 'In flight' }
    t.app.library.idempotency.reserve(OWNER, 'key-in-flight', requestFingerprint('POST', '/v1/prompts', body), new Date().toISOString())
    const countBefore = liveCount()
    const busy = await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-in-flight').send(body)
    assert.equal(busy.status, 409)
    assert.match(busy.body.detail, /in flight/)
    const other = await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-in-flight').send({ ...body, template: 'Else' })
    assert.equal(other.status, 422)
    assert.equal(liveCount(), countBefore)
  })

  it('takes over a reservation abandoned by a crashed process', async () => {
    const body = { category: 'sagas', template: 'Abandoned' }
    const stale = new Date(Date.now() - ABANDONED_AFTER_MS - 1000).toISOString()
    t.app.library.idempotency.reserve(OWNER, 'key-abandoned', requestFingerprint('POST', '/v1/prompts', body), stale)
    await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-abandoned').send(body).expect(201)
    const replay = await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-abandoned').send(body).expect(201)
    assert.equal(replay.headers['idempotent-replayed'], 'true')
  })

  it('does not store a request that failed, so a corrected retry with the key runs', async () => {
    const countBefore = liveCount()
    await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-invalid').send({ category: 'sagas', template: '{{broken' }).expect(400)
    await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-invalid').send({ category: 'nowhere', template: 'x' }).expect(400)
    assert.equal(t.app.library.idempotency.find(OWNER, 'key-invalid'), undefined)
    await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-invalid').send({ category: 'sagas', template: 'Fixed' }).expect(201)
    assert.equal(liveCount(), countBefore + 1)
  })

  it('scopes keys per API key and forgets them after 24 hours', async () => {
    const body = { category: 'sagas', template: 'Scoped' }
    // The same key used by another API key, with another body: no conflict for this caller.
    t.app.library.idempotency.reserve('some-other-key', 'key-shared', 'other-hash', new Date().toISOString())
    t.app.library.idempotency.complete('some-other-key', 'key-shared', 201, {}, {})
    const mine = await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-shared').send(body).expect(201)
    assert.equal(mine.headers['idempotent-replayed'], undefined)

    // A record older than 24 hours no longer binds the key.
    t.app.library.idempotency.reserve(OWNER, 'key-old', 'old-hash', new Date(Date.now() - 25 * 3600_000).toISOString())
    t.app.library.idempotency.complete(OWNER, 'key-old', 201, {}, {})
    const fresh = await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'key-old').send({ category: 'sagas', template: 'Fresh' }).expect(201)
    assert.equal(fresh.headers['idempotent-replayed'], undefined)
  })

  it('refuses a malformed Idempotency-Key with 400', async () => {
    const res = await t.http.post('/v1/prompts').set(AUTH).set('idempotency-key', 'k'.repeat(256)).send({ category: 'sagas', template: 'x' })
    assert.equal(res.status, 400)
    assert.equal(res.body.errors[0].pointer, '#/headers/idempotency-key')
  })
})
