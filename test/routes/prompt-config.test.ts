import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { promptCount, versionCount } from '../helpers/store-counts.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const AUTH = { authorization: `Bearer ${TEST_ADMIN_KEY}` }

describe('config and commit messages on versions', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('keeps config and message on the version; GET, render, versions and the diff show them', async () => {
    const created = await t.http.post('/v1/prompts').set(AUTH).send({
      id: 'configured', category: 'sagas', template: 'Summarise {{topic}}', config: { model: 'gpt-4o', temperature: 0.2 }, message: 'first draft'
    }).expect(201)
    assert.deepEqual(created.body.config, { model: 'gpt-4o', temperature: 0.2 })
    const read = await t.http.get('/v1/prompts/configured').expect(200)
    assert.deepEqual(read.body.config, { model: 'gpt-4o', temperature: 0.2 })
    const rendered = await t.http.post('/v1/prompts/configured/render').send({ variables: { topic: 'sagas' } }).expect(200)
    assert.equal(rendered.body.text, 'Summarise sagas')
    assert.deepEqual(rendered.body.config, { model: 'gpt-4o', temperature: 0.2 })

    const patched = await t.http.patch('/v1/prompts/configured').set(AUTH).set('If-Match', created.headers.etag!)
      .send({ config: { model: 'gpt-4o', temperature: 0.7 }, message: 'warmer' }).expect(200)
    assert.equal(patched.body.version, 2, 'a config change is a change')
    const versions = await t.http.get('/v1/prompts/configured/versions').expect(200)
    assert.deepEqual(versions.body.items.map((v: { message: string | null }) => v.message), ['warmer', 'first draft'])
    assert.deepEqual(versions.body.items.map((v: { createdBy: string }) => v.createdBy), ['admin (ADMIN_API_KEY)', 'admin (ADMIN_API_KEY)'])
    assert.deepEqual(versions.body.items[1].config, { model: 'gpt-4o', temperature: 0.2 })
    const one = await t.http.get('/v1/prompts/configured/versions/2').expect(200)
    assert.equal(one.body.message, 'warmer')
    assert.deepEqual(one.body.config, { model: 'gpt-4o', temperature: 0.7 })
    const diff = await t.http.get('/v1/prompts/configured/diff?from=1&to=2').expect(200)
    assert.deepEqual(diff.body.config, { changed: true, from: { model: 'gpt-4o', temperature: 0.2 }, to: { model: 'gpt-4o', temperature: 0.7 } })
    assert.equal(diff.body.message, 'warmer')
  })

  it('a config equal but for key order, or a message alone, makes no version', async () => {
    const read = await t.http.get('/v1/prompts/configured').expect(200)
    const same = await t.http.patch('/v1/prompts/configured').set(AUTH).set('If-Match', read.headers.etag!)
      .send({ config: { temperature: 0.7, model: 'gpt-4o' }, message: 'nothing new' }).expect(200)
    assert.equal(same.body.version, read.body.version)
  })

  it('seeded prompts read with the empty config, message null on their versions', async () => {
    const read = await t.http.get('/v1/prompts/sagas-1').expect(200)
    assert.deepEqual(read.body.config, {})
    const version = await t.http.get('/v1/prompts/sagas-1/versions/1').expect(200)
    assert.deepEqual(version.body.config, {})
    assert.equal(version.body.message, null)
  })

  describe('bad input: a 400 with a pointer, nothing written', () => {
    const cases: Array<[string, unknown, string]> = [
      ['config that is an array', [1, 2], '#/config'],
      ['config that is a string', 'gpt-4o', '#/config'],
      ['config that is null', null, '#/config'],
      ['config nested 33 deep', JSON.parse('{"a":'.repeat(33) + '1' + '}'.repeat(33)), '#/config'],
      ['config over 16 KiB', { text: 'x'.repeat(16 * 1024) }, '#/config']
    ]
    for (const [name, config, pointer] of cases) {
      it(`refuses ${name}`, async () => {
        const prompts = promptCount(t)
        const versions = versionCount(t)
        const res = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'sagas', template: 'About {{x}}', config }).expect(400)
        assert.match(res.headers['content-type']!, /^application\/problem\+json/)
        assert.ok(res.body.errors.some((error: { pointer: string }) => error.pointer === pointer), JSON.stringify(res.body))
        assert.equal(promptCount(t), prompts)
        assert.equal(versionCount(t), versions)
        const read = await t.http.get('/v1/prompts/configured').expect(200)
        const patch = await t.http.patch('/v1/prompts/configured').set(AUTH).set('If-Match', read.headers.etag!).send({ config }).expect(400)
        assert.ok(patch.body.errors.some((error: { pointer: string }) => error.pointer === pointer))
        assert.equal(versionCount(t), versions)
      })
    }

    it('accepts config nested exactly 32 deep', async () => {
      const config = JSON.parse('{"a":'.repeat(32) + '1' + '}'.repeat(32))
      await t.http.post('/v1/prompts').set(AUTH).send({ category: 'sagas', template: 'Deep', config }).expect(201)
    })

    it('refuses a commit message over 500 characters', async () => {
      const versions = versionCount(t)
      const res = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'sagas', template: 'x', message: 'm'.repeat(501) }).expect(400)
      assert.equal(res.body.errors[0].pointer, '#/message')
      assert.equal(versionCount(t), versions)
    })
  })
})
