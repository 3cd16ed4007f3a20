import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { promptCount, versionCount } from '../helpers/store-counts.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const AUTH = { authorization: `Bearer ${TEST_ADMIN_KEY}` }
const MESSAGES = [
  { role: 'system', content: 'You are a {{persona}} who designs zanzibarian workflows.' },
  { placeholder: 'history' },
  { role: 'user', content: 'Design a saga for {{transaction}}.' }
]

describe('chat prompts', () => {
  let t: TestApp
  let etag: string
  before(async () => {
    t = await buildTestApp()
    const res = await t.http.post('/v1/prompts').set(AUTH)
      .send({ id: 'saga-chat', category: 'sagas', type: 'chat', messages: MESSAGES, config: { model: 'gpt-4o' } }).expect(201)
    etag = res.headers.etag!
  })
  after(async () => { await t.close() })

  it('stores type and messages instead of template, and the variables of every message', async () => {
    const res = await t.http.get('/v1/prompts/saga-chat').expect(200)
    assert.equal(res.body.type, 'chat')
    assert.equal(res.body.template, undefined)
    assert.deepEqual(res.body.messages, MESSAGES)
    assert.deepEqual(res.body.variables.map((v: { name: string }) => v.name), ['persona', 'transaction'])
  })

  it('renders to messages, with the placeholder\'s messages in its place, inserted literally', async () => {
    const history = [{ role: 'user', content: 'Hi {{persona}}' }, { role: 'assistant', content: 'Hello {{> other}}' }]
    const res = await t.http.post('/v1/prompts/saga-chat/render')
      .send({ variables: { persona: 'architect', transaction: 'hotel booking' }, placeholders: { history } }).expect(200)
    assert.deepEqual(res.body, {
      id: 'saga-chat',
      version: 1,
      type: 'chat',
      messages: [
        { role: 'system', content: 'You are a architect who designs zanzibarian workflows.' },
        ...history,
        { role: 'user', content: 'Design a saga for hotel booking.' }
      ],
      config: { model: 'gpt-4o' },
      missing: [],
      unused: []
    })
  })

  it('strict: a placeholder without messages is a 422 listing it in missing; not strict, it is left out and listed', async () => {
    const strict = await t.http.post('/v1/prompts/saga-chat/render').send({ variables: { persona: 'a', transaction: 'b' } }).expect(422)
    assert.deepEqual(strict.body.missing, ['history'])
    const loose = await t.http.post('/v1/prompts/saga-chat/render').send({ variables: { persona: 'a' }, strict: false }).expect(200)
    assert.deepEqual(loose.body.missing, ['transaction', 'history'])
    assert.equal(loose.body.messages.length, 2)
    assert.equal(loose.body.messages[1].content, 'Design a saga for {{transaction}}.')
    const empty = await t.http.post('/v1/prompts/saga-chat/render').send({ variables: { persona: 'a', transaction: 'b' }, placeholders: { history: [], other: [] } }).expect(200)
    assert.equal(empty.body.messages.length, 2, 'an empty list is a value: no messages in its place')
    assert.deepEqual(empty.body.unused, ['other'])
  })

  it('is found by search through its message contents', async () => {
    const res = await t.http.get('/v1/prompts?q=zanzibarian').expect(200)
    assert.deepEqual(res.body.items.map((p: { id: string }) => p.id), ['saga-chat'])
  })

  it('shows messages in versions and diffs; PATCH may change messages, or turn it into a text prompt', async () => {
    const changed = [...MESSAGES.slice(0, 2), { role: 'user', content: 'Design a saga for {{transaction}} with compensations.' }]
    const patched = await t.http.patch('/v1/prompts/saga-chat').set(AUTH).set('If-Match', etag).send({ messages: changed, message: 'ask for compensations' }).expect(200)
    assert.equal(patched.body.version, 2)
    const version = await t.http.get('/v1/prompts/saga-chat/versions/2').expect(200)
    assert.deepEqual(version.body.messages, changed)
    assert.equal(version.body.type, 'chat')
    const diff = await t.http.get('/v1/prompts/saga-chat/diff').expect(200)
    assert.ok(diff.body.changes.some((c: { op: string, text: string }) => c.op === 'added' && c.text.includes('compensations')))
    const text = await t.http.patch('/v1/prompts/saga-chat').set(AUTH).set('If-Match', patched.headers.etag!).send({ type: 'text', template: 'Now plain {{x}}' }).expect(200)
    assert.equal(text.body.type, undefined)
    assert.equal(text.body.template, 'Now plain {{x}}')
    const back = await t.http.patch('/v1/prompts/saga-chat').set(AUTH).set('If-Match', text.headers.etag!).send({ type: 'chat', messages: MESSAGES }).expect(200)
    assert.equal(back.body.type, 'chat')
    etag = back.headers.etag!
  })

  it('a text prompt still renders text, and format: "messages" still answers one user message', async () => {
    const res = await t.http.post('/v1/prompts/sagas-1/render').send({ variables: { specific_distributed_transaction: 'x' }, format: 'messages' }).expect(200)
    assert.equal(typeof res.body.text, 'string')
    assert.deepEqual(res.body.messages, [{ role: 'user', content: res.body.text }])
  })

  describe('bad input: a 400 with a pointer, nothing written, nothing crashes', () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['a role outside the three', { type: 'chat', messages: [{ role: 'tool', content: 'x' }] }, /^#\/messages\/0/],
      ['a placeholder name that is not a variable-style name', { type: 'chat', messages: [{ placeholder: 'Chat History' }] }, /^#\/messages\/0/],
      ['a message over the template limit', { type: 'chat', messages: [{ role: 'user', content: 'x'.repeat(100_001) }] }, /^#\/messages\/0/],
      ['101 messages', { type: 'chat', messages: Array.from({ length: 101 }, () => ({ role: 'user', content: 'x' })) }, /^#\/messages$/],
      ['no messages', { type: 'chat', messages: [] }, /^#\/messages$/],
      ['a chat prompt without messages', { type: 'chat' }, /^#\/messages$/],
      ['a chat prompt with a template', { type: 'chat', template: 'x', messages: [{ role: 'user', content: 'x' }] }, /^#\/template$/],
      ['messages on a text prompt', { template: 'x', messages: [{ role: 'user', content: 'x' }] }, /^#\/messages$/],
      ['a malformed placeholder in a message', { type: 'chat', messages: [{ role: 'user', content: 'ok' }, { role: 'user', content: 'bad {{Name}}' }] }, /^#\/messages\/1\/content$/]
    ]
    for (const [name, body, pointer] of cases) {
      it(`refuses ${name}`, async () => {
        const prompts = promptCount(t)
        const versions = versionCount(t)
        const res = await t.http.post('/v1/prompts').set(AUTH).send({ category: 'sagas', ...body }).expect(400)
        assert.match(res.headers['content-type']!, /^application\/problem\+json/)
        assert.ok(res.body.errors.some((error: { pointer: string }) => pointer.test(error.pointer)), JSON.stringify(res.body.errors))
        const { type: _type, ...patch } = body
        if (patch.messages !== undefined) {
          await t.http.patch('/v1/prompts/saga-chat').set(AUTH).set('If-Match', etag).send(patch).expect(400)
        }
        assert.equal(promptCount(t), prompts)
        assert.equal(versionCount(t), versions)
      })
    }

    it('refuses 101 messages in a placeholder at render, and a role outside the three there', async () => {
      const many = Array.from({ length: 101 }, () => ({ role: 'user', content: 'x' }))
      const res = await t.http.post('/v1/prompts/saga-chat/render').send({ variables: { persona: 'a', transaction: 'b' }, placeholders: { history: many } }).expect(400)
      assert.equal(res.body.errors[0].pointer, '#/placeholders/history')
      const role = await t.http.post('/v1/prompts/saga-chat/render').send({ variables: { persona: 'a', transaction: 'b' }, placeholders: { history: [{ role: 'tool', content: 'x' }] } }).expect(400)
      assert.match(role.body.errors[0].pointer, /^#\/placeholders\/history\/0/)
    })
  })
})
