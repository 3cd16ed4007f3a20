import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const AUTH = { authorization: `Bearer ${TEST_ADMIN_KEY}` }

describe('versions, labels and diffs', () => {
  let t: TestApp
  let original: string
  before(async () => {
    t = await buildTestApp()
    original = (await t.http.get('/v1/prompts/sagas-1').expect(200)).body.template
    // Three more versions: a reworded template, a new placeholder, a new tag.
    const edits = [
      { template: original.replace('including all', 'listing every') },
      { template: original.replace('including all', 'listing every') + ' Budget: {{budget}}.', variables: [{ name: 'budget', description: 'money', required: false, default: 'none' }] },
      { tags: ['sagas', 'restate'] }
    ]
    for (const [index, edit] of edits.entries()) {
      await t.http.patch('/v1/prompts/sagas-1').set(AUTH).set('if-match', `"sagas-1.v${index + 1}"`).send(edit).expect(200)
    }
  })
  after(async () => { await t.close() })

  it('lists every version newest first, each with its template, variables, author and date', async () => {
    const res = await t.http.get('/v1/prompts/sagas-1/versions').expect(200)
    assert.deepEqual(res.body.items.map((v: { version: number }) => v.version), [4, 3, 2, 1])
    const [v4, , , v1] = res.body.items
    assert.equal(v1.template, original)
    assert.equal(v1.createdBy, 'seed')
    assert.equal(v4.createdBy, 'admin (ADMIN_API_KEY)')
    assert.deepEqual(v4.tags, ['sagas', 'restate'])
    assert.deepEqual(v4.variables.map((v: { name: string }) => v.name), ['specific_distributed_transaction', 'budget'])
    assert.ok(Date.parse(v4.createdAt) >= Date.parse(v1.createdAt))
    assert.equal(res.body.nextCursor, null)
  })

  it('pages with limit and cursor', async () => {
    const first = await t.http.get('/v1/prompts/sagas-1/versions?limit=3').expect(200)
    assert.deepEqual(first.body.items.map((v: { version: number }) => v.version), [4, 3, 2])
    const second = await t.http.get(`/v1/prompts/sagas-1/versions?limit=3&cursor=${first.body.nextCursor}`).expect(200)
    assert.deepEqual(second.body.items.map((v: { version: number }) => v.version), [1])
    assert.equal(second.body.nextCursor, null)
    assert.equal((await t.http.get('/v1/prompts/sagas-1/versions?cursor=nonsense')).status, 400)
    assert.equal((await t.http.get('/v1/prompts/sagas-1/versions?limit=101')).status, 400)
    assert.equal((await t.http.get('/v1/prompts/sagas-1/versions?other=1')).status, 400)
  })

  it('reads one version with a strong ETag, 304 on If-None-Match, 404 for a missing one', async () => {
    const res = await t.http.get('/v1/prompts/sagas-1/versions/2').expect(200)
    assert.equal(res.headers.etag, '"sagas-1.v2"')
    assert.equal(res.body.version, 2)
    await t.http.get('/v1/prompts/sagas-1/versions/2').set('if-none-match', '"sagas-1.v2"').expect(304)
    assert.equal((await t.http.get('/v1/prompts/sagas-1/versions/9')).status, 404)
    assert.equal((await t.http.get('/v1/prompts/nope-1/versions/1')).status, 404)
    assert.equal((await t.http.get('/v1/prompts/sagas-1/versions/0')).status, 400)
  })

  it('moves labels, and GET ?label= follows them', async () => {
    const put = await t.http.put('/v1/prompts/sagas-1/labels/production').set(AUTH).send({ version: 2 }).expect(200)
    assert.equal(put.body.label, 'production')
    assert.equal(put.body.version, 2)
    await t.http.put('/v1/prompts/sagas-1/labels/staging').set(AUTH).send({ version: 4 }).expect(200)
    assert.equal((await t.http.get('/v1/prompts/sagas-1?label=production').expect(200)).body.version, 2)
    await t.http.put('/v1/prompts/sagas-1/labels/production').set(AUTH).send({ version: 3 }).expect(200)
    const read = await t.http.get('/v1/prompts/sagas-1?label=production').expect(200)
    assert.equal(read.body.version, 3)
    assert.equal(read.headers.etag, '"sagas-1.v3"')
    const versions = await t.http.get('/v1/prompts/sagas-1/versions').expect(200)
    assert.deepEqual(versions.body.items.map((v: { labels: string[] }) => v.labels), [['staging'], ['production'], [], []])
  })

  it('refuses labels for missing versions or prompts, bad names and anonymous callers', async () => {
    const missing = await t.http.put('/v1/prompts/sagas-1/labels/production').set(AUTH).send({ version: 99 })
    assert.equal(missing.status, 400)
    assert.equal(missing.body.errors[0].pointer, '#/version')
    assert.equal((await t.http.put('/v1/prompts/sagas-77/labels/production').set(AUTH).send({ version: 1 })).status, 404)
    assert.equal((await t.http.put('/v1/prompts/sagas-1/labels/Not_A_Slug').set(AUTH).send({ version: 1 })).status, 400)
    assert.equal((await t.http.put('/v1/prompts/sagas-1/labels/production').set(AUTH).send({ version: 1, extra: true })).status, 400)
    assert.equal((await t.http.put('/v1/prompts/sagas-1/labels/production').send({ version: 1 })).status, 401)
    assert.equal((await t.http.get('/v1/prompts/sagas-1?label=production').expect(200)).body.version, 3)
  })

  it('diffs two versions: the text changes and the variables added and removed', async () => {
    const res = await t.http.get('/v1/prompts/sagas-1/diff?from=1&to=3').expect(200)
    assert.equal(res.body.from, 1)
    assert.equal(res.body.to, 3)
    assert.deepEqual(res.body.variables, { added: ['budget'], removed: [] })
    const removed = res.body.changes.filter((c: { op: string }) => c.op === 'removed').map((c: { text: string }) => c.text)
    const added = res.body.changes.filter((c: { op: string }) => c.op === 'added').map((c: { text: string }) => c.text)
    assert.deepEqual(removed, ['including all'])
    assert.equal(added.length, 2)
    assert.equal(added[0], 'listing every')
    assert.match(added[1], /^\.? Budget: \{\{budget\}\}\.?$/)
    const to = res.body.changes.filter((c: { op: string }) => c.op !== 'removed').map((c: { text: string }) => c.text).join('')
    assert.equal(to, (await t.http.get('/v1/prompts/sagas-1/versions/3').expect(200)).body.template)
    const back = await t.http.get('/v1/prompts/sagas-1/diff?from=3&to=1').expect(200)
    assert.deepEqual(back.body.variables, { added: [], removed: ['budget'] })
  })

  it('diffs the current version against the one before by default', async () => {
    const res = await t.http.get('/v1/prompts/sagas-1/diff').expect(200)
    assert.equal(res.body.from, 3)
    assert.equal(res.body.to, 4)
    assert.deepEqual(res.body.changes.map((c: { op: string }) => c.op), ['equal'])
    assert.deepEqual(res.body.tags, { added: ['restate'], removed: [] })
    assert.equal((await t.http.get('/v1/prompts/sagas-1/diff?from=1&to=8')).status, 404)
    assert.equal((await t.http.get('/v1/prompts/sagas-1/diff?from=x')).status, 400)
  })
})
