// Labels as records over the real HTTP stack, with real keys of each scope: moves, ETags, removal, history,
// rollback, protected labels, traffic splits, and the export.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'
import { answer, startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js'

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_KEY}` }

describe('labels', () => {
  let t: TestApp
  let receiver: WebhookReceiver
  const keys: Record<'write' | 'promote', Record<string, string>> = { write: {}, promote: {} }
  let id: string

  before(async () => {
    t = await buildTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '20', PROTECTED_LABELS: 'production,live' })
    receiver = await startReceiver()
    receiver.respond(answer(200))
    for (const [name, scopes] of [['write', ['prompts:write']], ['promote', ['prompts:write', 'labels:promote']]] as const) {
      const key = (await t.http.post('/v1/keys').set(ADMIN).send({ name: `${name}-bot`, scopes }).expect(201)).body.key
      keys[name] = { authorization: `Bearer ${key}` }
    }
    const created = await t.http.post('/v1/prompts').set(ADMIN).send({ category: 'sagas', template: 'One {{x}}' }).expect(201)
    id = created.body.id
    let etag = created.headers.etag!
    for (const template of ['Two {{x}}', 'Three {{x}}']) {
      etag = (await t.http.patch(`/v1/prompts/${id}`).set(ADMIN).set('if-match', etag).send({ template }).expect(200)).headers.etag!
    }
  })
  after(async () => {
    await t.close()
    await receiver.close()
  })

  it('moves a label with a reason and answers it with an ETag; the list shows who moved it', async () => {
    assert.deepEqual((await t.http.get(`/v1/prompts/${id}/labels`).expect(200)).body, { items: [] })
    const moved = await t.http.put(`/v1/prompts/${id}/labels/staging`).set(keys.write).send({ version: 1, reason: 'first cut' }).expect(200)
    assert.ok(moved.headers.etag)
    assert.deepEqual({ ...moved.body, updatedAt: undefined }, { label: 'staging', version: 1, splits: null, protected: false, updatedAt: undefined, updatedBy: 'write-bot' })
    const list = await t.http.get(`/v1/prompts/${id}/labels`).expect(200)
    assert.deepEqual(list.body.items.map((item: { label: string, version: number }) => [item.label, item.version]), [['staging', 1]])
    assert.equal((await t.http.get(`/v1/prompts/${id}?label=staging`).expect(200)).body.version, 1)
    const one = await t.http.get(`/v1/prompts/${id}/labels/staging`).expect(200)
    assert.equal(one.headers.etag, moved.headers.etag)
  })

  it('makes a change conditional with If-Match: 412 when stale, and nothing changes', async () => {
    const first = await t.http.put(`/v1/prompts/${id}/labels/qa`).set(keys.write).send({ version: 1 }).expect(200)
    const second = await t.http.put(`/v1/prompts/${id}/labels/qa`).set(keys.write).set('if-match', first.headers.etag!).send({ version: 2 }).expect(200)
    assert.notEqual(second.headers.etag, first.headers.etag)
    const stale = await t.http.put(`/v1/prompts/${id}/labels/qa`).set(keys.write).set('if-match', first.headers.etag!).send({ version: 3 }).expect(412)
    assert.match(stale.headers['content-type']!, /problem\+json/)
    assert.equal((await t.http.get(`/v1/prompts/${id}?label=qa`).expect(200)).body.version, 2)
    await t.http.delete(`/v1/prompts/${id}/labels/qa`).set(keys.write).set('if-match', first.headers.etag!).expect(412)
    await t.http.put(`/v1/prompts/${id}/labels/never`).set(keys.write).set('if-match', first.headers.etag!).send({ version: 1 }).expect(412)
    await t.http.delete(`/v1/prompts/${id}/labels/qa`).set(keys.write).set('if-match', second.headers.etag!).expect(204)
  })

  it('removes a label: reading or rendering by it is then a 404', async () => {
    await t.http.put(`/v1/prompts/${id}/labels/gone`).set(keys.write).send({ version: 2 }).expect(200)
    await t.http.delete(`/v1/prompts/${id}/labels/gone`).set(keys.write).expect(204)
    await t.http.get(`/v1/prompts/${id}?label=gone`).expect(404)
    await t.http.post(`/v1/prompts/${id}/render`).send({ label: 'gone', variables: { x: 1 } }).expect(404)
    await t.http.get(`/v1/prompts/${id}/labels/gone`).expect(404)
    await t.http.delete(`/v1/prompts/${id}/labels/gone`).set(keys.write).expect(404)
  })

  it('keeps the history newest first, and rolls back to where the label pointed before', async () => {
    await t.http.put(`/v1/prompts/${id}/labels/canary`).set(keys.write).send({ version: 1 }).expect(200)
    const nothingBefore = await t.http.post(`/v1/prompts/${id}/labels/canary/rollback`).set(keys.write).expect(409)
    assert.match(nothingBefore.body.detail, /nothing before/)
    await t.http.put(`/v1/prompts/${id}/labels/canary`).set(keys.write).send({ version: 3, reason: 'ship three' }).expect(200)
    const rolled = await t.http.post(`/v1/prompts/${id}/labels/canary/rollback`).set(keys.write).expect(200)
    assert.equal(rolled.body.version, 1)
    assert.ok(rolled.headers.etag)
    await t.http.delete(`/v1/prompts/${id}/labels/canary`).set(keys.write).expect(204)
    const history = (await t.http.get(`/v1/prompts/${id}/labels/canary/history`).expect(200)).body
    assert.deepEqual(history.items.map(({ from, to, by, reason }: Record<string, unknown>) => ({ from, to, by, reason })), [
      { from: { version: 1 }, to: null, by: 'write-bot', reason: null },
      { from: { version: 3 }, to: { version: 1 }, by: 'write-bot', reason: 'rollback' },
      { from: { version: 1 }, to: { version: 3 }, by: 'write-bot', reason: 'ship three' },
      { from: null, to: { version: 1 }, by: 'write-bot', reason: null }
    ])
    assert.ok(history.items.every((item: { at: string }) => !Number.isNaN(Date.parse(item.at))))
    // Rolling back a removal brings the label back.
    assert.equal((await t.http.post(`/v1/prompts/${id}/labels/canary/rollback`).set(keys.write).expect(200)).body.version, 1)
    const page = (await t.http.get(`/v1/prompts/${id}/labels/canary/history?limit=2`).expect(200)).body
    assert.equal(page.items.length, 2)
    const rest = (await t.http.get(`/v1/prompts/${id}/labels/canary/history?limit=10&cursor=${page.nextCursor}`).expect(200)).body
    assert.equal(rest.items.length, 3)
    await t.http.get(`/v1/prompts/${id}/labels/unknown/history`).expect(404)
    await t.http.post(`/v1/prompts/${id}/labels/unknown/rollback`).set(keys.write).expect(404)
  })

  it('lets only labels:promote (or admin) move, split, remove or roll back a protected label', async () => {
    const refused = await t.http.put(`/v1/prompts/${id}/labels/production`).set(keys.write).send({ version: 1 }).expect(403)
    assert.match(refused.body.detail, /labels:promote/)
    await t.http.put(`/v1/prompts/${id}/labels/live`).set(keys.write).send({ version: 1 }).expect(403)
    await t.http.put(`/v1/prompts/${id}/labels/production`).set(keys.write).send({ splits: [{ version: 1, weight: 50 }, { version: 2, weight: 50 }] }).expect(403)
    const promoted = await t.http.put(`/v1/prompts/${id}/labels/production`).set(keys.promote).send({ version: 1 }).expect(200)
    assert.equal(promoted.body.protected, true)
    await t.http.put(`/v1/prompts/${id}/labels/production`).set(ADMIN).send({ version: 2 }).expect(200)
    await t.http.post(`/v1/prompts/${id}/labels/production/rollback`).set(keys.write).expect(403)
    await t.http.delete(`/v1/prompts/${id}/labels/production`).set(keys.write).expect(403)
    assert.equal((await t.http.get(`/v1/prompts/${id}?label=production`).expect(200)).body.version, 2)
    await t.http.post(`/v1/prompts/${id}/labels/production/rollback`).set(keys.promote).expect(200)
    assert.equal((await t.http.get(`/v1/prompts/${id}?label=production`).expect(200)).body.version, 1)
    await t.http.put(`/v1/prompts/${id}/labels/production`).send({ version: 1 }).expect(401)
  })

  it('refuses bad label input with problems that point at it', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['staging', {}, '#'],
      ['staging', { version: 1, splits: [{ version: 1, weight: 50 }, { version: 2, weight: 50 }] }, '#/splits'],
      ['staging', { version: 99 }, '#/version'],
      ['staging', { version: 0 }, '#/version'],
      ['staging', { version: 1, reason: 'x'.repeat(501) }, '#/reason'],
      ['staging', { version: 1, extra: true }, '#/extra'],
      ['staging', { splits: [{ version: 1, weight: 0 }, { version: 2, weight: 100 }] }, '#/splits/0/weight'],
      ['staging', { splits: [{ version: 1, weight: 50 }, { version: 2, weight: 49 }] }, '#/splits'],
      ['staging', { splits: [{ version: 1, weight: 100 }] }, '#/splits'],
      ['staging', { splits: Array.from({ length: 11 }, () => ({ version: 1, weight: 9 })) }, '#/splits'],
      ['staging', { splits: [{ version: 1, weight: 50 }, { version: 99, weight: 50 }] }, '#/splits/1/version'],
      ['staging', { splits: [{ version: 1, weight: 50 }, { version: 1, weight: 50 }] }, '#/splits/1/version'],
      ['staging', { splits: [{ version: 1, weight: 50.5 }, { version: 2, weight: 49.5 }] }, '#/splits/0/weight'],
      ['Not_A_Slug', { version: 1 }, '#/params/label']
    ]
    for (const [label, body, pointer] of cases) {
      const res = await t.http.put(`/v1/prompts/${id}/labels/${label}`).set(keys.write).send(body as object)
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 100))
      assert.ok(res.body.errors.some((error: { pointer: string }) => error.pointer.startsWith(pointer)), `${JSON.stringify(res.body.errors)} names ${pointer}`)
    }
    await t.http.get(`/v1/prompts/${id}?label=staging&subject=${'s'.repeat(201)}`).expect(400)
    await t.http.get(`/v1/prompts/${id}?subject=someone`).expect(400)
    await t.http.post(`/v1/prompts/${id}/render`).send({ label: 'staging', subject: 's'.repeat(201), variables: { x: 1 } }).expect(400)
    await t.http.get('/v1/prompts/no-such-prompt/labels').expect(404)
  })

  it('serves a 90/10 split the same version per subject, about 90/10 over many subjects', async () => {
    await t.http.put(`/v1/prompts/${id}/labels/experiment`).set(keys.write).send({ splits: [{ version: 2, weight: 90 }, { version: 3, weight: 10 }], reason: 'canary' }).expect(200)
    const listed = (await t.http.get(`/v1/prompts/${id}/labels`).expect(200)).body.items.find((item: { label: string }) => item.label === 'experiment')
    assert.deepEqual(listed.splits, [{ version: 2, weight: 90 }, { version: 3, weight: 10 }])
    assert.equal(listed.version, 2)

    const served = new Set<number>()
    for (let i = 0; i < 30; i++) {
      const read = await t.http.get(`/v1/prompts/${id}?label=experiment&subject=user-7`).expect(200)
      const rendered = await t.http.post(`/v1/prompts/${id}/render`).send({ label: 'experiment', subject: 'user-7', variables: { x: 'y' } }).expect(200)
      assert.equal(read.headers.etag, `"${id}.v${read.body.version as number}"`)
      served.add(read.body.version).add(rendered.body.version)
    }
    assert.equal(served.size, 1, 'one subject, one version, in reads and renders alike')

    const counts = new Map<number, number>()
    const subjects = 2000
    for (let i = 0; i < subjects; i++) {
      const { body } = await t.http.post(`/v1/prompts/${id}/render`).send({ label: 'experiment', subject: `subject-${i}`, variables: { x: 'y' } }).expect(200)
      counts.set(body.version, (counts.get(body.version) ?? 0) + 1)
      if (i < 50) assert.equal(body.text, body.version === 2 ? 'Two y' : 'Three y')
    }
    const share = (counts.get(2) ?? 0) / subjects
    assert.ok(share > 0.87 && share < 0.93, `version 2 served to ${(share * 100).toFixed(1)} % of subjects`)
    assert.equal((counts.get(2) ?? 0) + (counts.get(3) ?? 0), subjects)

    const random = new Set<number>()
    for (let i = 0; i < 200 && random.size < 2; i++) random.add((await t.http.get(`/v1/prompts/${id}?label=experiment`).expect(200)).body.version)
    assert.deepEqual([...random].sort(), [2, 3], 'without a subject, both versions are drawn')
    const history = (await t.http.get(`/v1/prompts/${id}/labels/experiment/history`).expect(200)).body
    assert.deepEqual(history.items[0].to, { splits: [{ version: 2, weight: 90 }, { version: 3, weight: 10 }] })
  })

  it('sends label.moved and label.removed to webhooks', async () => {
    const { body: subscription } = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: receiver.url, events: ['label.moved', 'label.removed'] }).expect(201)
    receiver.setSecret(subscription.secret)
    await t.http.put(`/v1/prompts/${id}/labels/hooked`).set(keys.write).send({ version: 2, reason: 'why not' }).expect(200)
    await t.http.delete(`/v1/prompts/${id}/labels/hooked`).set(keys.write).expect(204)
    await receiver.waitFor(() => receiver.accepted.length >= 2)
    assert.deepEqual(receiver.accepted.map(({ type, data }) => ({ type, data })), [
      { type: 'label.moved', data: { id, label: 'hooked', version: 2, splits: null, reason: 'why not', by: 'write-bot' } },
      { type: 'label.removed', data: { id, label: 'hooked', version: 2, splits: null, reason: null, by: 'write-bot' } }
    ])
    assert.ok(receiver.accepted.every((event) => event.verified))
  })

  it('exports labels and their history in JSON', async () => {
    const exported = (await t.http.get('/v1/export?format=json').expect(200)).body
    const prompt = exported.prompts.find((item: { id: string }) => item.id === id)
    const production = prompt.labels.find((item: { label: string }) => item.label === 'production')
    assert.equal(production.version, 1)
    assert.deepEqual(production.history.map((entry: { reason: string | null }) => entry.reason), ['rollback', null, null])
    assert.equal(exported.prompts.find((item: { id: string }) => item.id === 'sagas-2').labels, undefined)
    // The export still imports.
    await t.http.post('/v1/import?dryRun=true').set(ADMIN).send(exported).expect(200)
  })

  it('answers 404 for the labels of a deleted prompt', async () => {
    const created = await t.http.post('/v1/prompts').set(ADMIN).send({ category: 'sagas', template: 'Doomed {{x}}' }).expect(201)
    await t.http.put(`/v1/prompts/${created.body.id as string}/labels/staging`).set(keys.write).send({ version: 1 }).expect(200)
    await t.http.delete(`/v1/prompts/${created.body.id as string}`).set(ADMIN).expect(204)
    await t.http.get(`/v1/prompts/${created.body.id as string}/labels`).expect(404)
    await t.http.get(`/v1/prompts/${created.body.id as string}?label=staging`).expect(404)
    await t.http.put(`/v1/prompts/${created.body.id as string}/labels/staging`).set(keys.write).send({ version: 1 }).expect(404)
  })
})
