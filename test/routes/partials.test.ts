import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { promptCount, versionCount } from '../helpers/store-counts.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const AUTH = { authorization: `Bearer ${TEST_ADMIN_KEY}` }

describe('partials', () => {
  let t: TestApp
  const create = async (id: string, template: string, extra: Record<string, unknown> = {}): Promise<string> =>
    (await t.http.post('/v1/prompts').set(AUTH).send({ id, category: 'sagas', template, ...extra }).expect(201)).headers.etag!
  const edit = async (id: string, body: Record<string, unknown>): Promise<{ status: number, body: any }> => {
    const read = await t.http.get(`/v1/prompts/${id}`).expect(200)
    return await t.http.patch(`/v1/prompts/${id}`).set(AUTH).set('If-Match', read.headers.etag!).send(body)
  }

  before(async () => {
    t = await buildTestApp()
    await create('style-guide', 'Write in a {{tone}} voice.', { variables: [{ name: 'tone', type: 'enum', enum: ['plain', 'formal'], default: 'plain' }] })
    await create('signature', 'Signed, {{author}}.')
    await edit('signature', { template: 'Regards, {{author}}.' })
    await t.http.put('/v1/prompts/signature/labels/production').set(AUTH).send({ version: 1 }).expect(200)
    await create('with-partials', '{{> style-guide}} Explain {{topic}}. {{> signature@production}}')
  })
  after(async () => { await t.close() })

  it('GET shows the include as written, includes, and the variables of what it includes with from', async () => {
    const res = await t.http.get('/v1/prompts/with-partials').expect(200)
    assert.equal(res.body.template, '{{> style-guide}} Explain {{topic}}. {{> signature@production}}')
    assert.deepEqual(res.body.includes, ['style-guide', 'signature'])
    assert.deepEqual(res.body.variables.map((v: { name: string, from?: string }) => [v.name, v.from]), [['topic', undefined], ['tone', 'style-guide'], ['author', 'signature']])
  })

  it('renders includes by id (current), label and version, then fills variables in one pass', async () => {
    const res = await t.http.post('/v1/prompts/with-partials/render').send({ variables: { topic: 'sagas', author: '{{> style-guide}}' } }).expect(200)
    assert.equal(res.body.text, 'Write in a plain voice. Explain sagas. Signed, {{> style-guide}}.', 'a value reading {{> x}} is inserted literally')
    await create('by-version', '{{> signature@2}}')
    const byVersion = await t.http.post('/v1/prompts/by-version/render').send({ variables: { author: 'Ada' } }).expect(200)
    assert.equal(byVersion.body.text, 'Regards, Ada.')
  })

  it('checks the included variables\' types and uses their defaults', async () => {
    const bad = await t.http.post('/v1/prompts/with-partials/render').send({ variables: { topic: 'x', author: 'y', tone: 'loud' } }).expect(422)
    assert.deepEqual(bad.body.invalid.map((e: { name: string }) => e.name), ['tone'])
    const missing = await t.http.post('/v1/prompts/with-partials/render').send({ variables: { topic: 'x' } }).expect(422)
    assert.deepEqual(missing.body.missing, ['author'])
  })

  it('follows a change of the included prompt at the next render', async () => {
    await t.http.post('/v1/prompts/with-partials/render').send({ variables: { topic: 'a', author: 'b' } }).expect(200)
    await edit('style-guide', { template: 'Be {{tone}}.' })
    const res = await t.http.post('/v1/prompts/with-partials/render').send({ variables: { topic: 'a', author: 'b' } }).expect(200)
    assert.equal(res.body.text, 'Be plain. Explain a. Signed, b.')
  })

  it('includes work in chat message contents', async () => {
    await t.http.post('/v1/prompts').set(AUTH).send({ id: 'chat-with-partial', category: 'sagas', type: 'chat', messages: [{ role: 'system', content: '{{> style-guide}}' }, { role: 'user', content: '{{q}}' }] }).expect(201)
    const res = await t.http.post('/v1/prompts/chat-with-partial/render').send({ variables: { q: 'why?' } }).expect(200)
    assert.deepEqual(res.body.messages, [{ role: 'system', content: 'Be plain.' }, { role: 'user', content: 'why?' }])
  })

  describe('refused on write with a 400 pointing at the include, nothing written', () => {
    const cases: Array<[string, string]> = [
      ['a missing prompt', 'See {{> no-such-prompt}}'],
      ['a chat prompt', 'See {{> chat-with-partial}}'],
      ['a version that does not exist', 'See {{> signature@9}}'],
      ['a label that does not exist', 'See {{> signature@staging}}'],
      ['a malformed include', 'See {{> Bad Id}}']
    ]
    for (const [name, template] of cases) {
      it(`refuses ${name}`, async () => {
        const prompts = promptCount(t)
        const versions = versionCount(t)
        const res = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'sagas', template }).expect(400)
        assert.match(res.headers['content-type']!, /^application\/problem\+json/)
        assert.equal(res.body.errors[0].pointer, '#/template')
        const patch = await edit('by-version', { template })
        assert.equal(patch.status, 400)
        const chat = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'sagas', type: 'chat', messages: [{ role: 'user', content: 'x' }, { role: 'user', content: template }] }).expect(400)
        assert.equal(chat.body.errors[0].pointer, '#/messages/1/content')
        assert.equal(promptCount(t), prompts)
        assert.equal(versionCount(t), versions)
      })
    }

    it('refuses a template that includes itself through three other prompts, in bounded time', async () => {
      await create('cycle-d', 'D')
      await create('cycle-c', 'C {{> cycle-d}}')
      await create('cycle-b', 'B {{> cycle-c}}')
      await create('cycle-a', 'A {{> cycle-b}}')
      const versions = versionCount(t)
      const started = performance.now()
      const res = await edit('cycle-d', { template: 'D {{> cycle-a}}' })
      assert.equal(res.status, 400)
      assert.ok(performance.now() - started < 2000)
      assert.equal(res.body.errors[0].pointer, '#/template')
      assert.match(res.body.detail, /cycle/)
      const self = await edit('cycle-d', { template: 'D {{> cycle-d}}' })
      assert.equal(self.status, 400)
      assert.equal(versionCount(t), versions)
    })

    it('refuses nesting deeper than 5, and takes exactly 5', async () => {
      await create('depth-0', 'bottom')
      for (let level = 1; level <= 5; level++) await create(`depth-${level}`, `{{> depth-${level - 1}}}`)
      const ok = await t.http.post('/v1/prompts/depth-5/render').send({}).expect(200)
      assert.equal(ok.body.text, 'bottom')
      const versions = versionCount(t)
      const res = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'sagas', template: '{{> depth-5}}' }).expect(400)
      assert.equal(res.body.errors[0].pointer, '#/template')
      assert.match(res.body.detail, /deeper than 5/)
      assert.equal(versionCount(t), versions)
    })
  })

  it('a deleted include makes rendering the includer a 422 naming it', async () => {
    await create('doomed', 'Doomed {{x}}')
    await create('uses-doomed', 'Uses {{> doomed}}')
    await t.http.post('/v1/prompts/uses-doomed/render').send({ variables: { x: '1' } }).expect(200)
    await t.http.delete('/v1/prompts/doomed').set(AUTH).expect(204)
    const res = await t.http.post('/v1/prompts/uses-doomed/render').send({ variables: { x: '1' } }).expect(422)
    assert.equal(res.body.include, 'doomed')
    assert.match(res.body.detail, /doomed/)
    await t.http.get('/v1/prompts/uses-doomed').expect(200)
  })
})
