// An import indexes its prompts for search in one set-based build at the end of its transaction; a failed import or
// a dry run rolls that deferral back, and single writes go on indexing at once.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const admin = { authorization: `Bearer ${TEST_ADMIN_KEY}` }

interface LibraryJson {
  categories: Array<{ slug: string, name: string, parent: string | null }>
  prompts: Array<Record<string, unknown> & { id: string }>
}

async function searchIds (t: TestApp, q: string): Promise<string[]> {
  const body = (await t.http.get('/v1/prompts').query({ q, limit: 100 }).expect(200)).body as { items: Array<{ id: string }> }
  return body.items.map((item) => item.id)
}

async function exportJson (t: TestApp): Promise<LibraryJson> {
  return (await t.http.get('/v1/export?format=json').expect(200)).body as LibraryJson
}

async function patchTemplate (t: TestApp, id: string, template: string): Promise<void> {
  const current = await t.http.get(`/v1/prompts/${id}`).expect(200)
  await t.http.patch(`/v1/prompts/${id}`).set(admin).set('if-match', current.headers.etag!).send({ template, variables: [] }).expect(200)
}

/** The index holds exactly one document per live prompt, each as search_document_source builds it, and nothing is left queued. */
function assertIndexInStep (t: TestApp): void {
  const { sqlite } = t.app.library.store
  const count = (sql: string): number => sqlite.prepare(sql).pluck().get() as number
  const live = count('SELECT count(*) FROM prompts WHERE deleted_at IS NULL')
  assert.equal(count('SELECT count(*) FROM search_documents'), live)
  assert.equal(count(`SELECT count(*) FROM search_documents d
    JOIN prompt_search s ON s.rowid = d.doc_id
    JOIN search_document_source v ON v.prompt_id = d.prompt_id AND v.category_id = d.category_id
    WHERE s.template = v.template AND s.variables = v.variables AND s.category = v.category AND s.tags = v.tags`), live)
  assert.equal(count('SELECT count(*) FROM prompt_search_words'), live)
  assert.equal(count('SELECT count(*) FROM search_reindex'), 0)
  assert.equal(count('SELECT deferred FROM search_indexing'), 0, 'no commit leaves the index deferred')
  sqlite.exec("INSERT INTO prompt_search (prompt_search) VALUES ('integrity-check')")
  sqlite.exec("INSERT INTO prompt_search_words (prompt_search_words) VALUES ('integrity-check')")
}

describe('POST /v1/import and search', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  it('finds the prompts an import created and updated, and no longer finds what it replaced', async () => {
    await t.http.delete('/v1/prompts/testing-2').set(admin).expect(204)
    const library = await exportJson(t)
    assert.ok(!library.prompts.some((prompt) => prompt.id === 'testing-2'), 'a deleted prompt is not exported, so the import leaves it deleted')
    const sagas1 = library.prompts.find((prompt) => prompt.id === 'sagas-1')!
    sagas1.template = 'Plan a zanzibarish rollback for every step.'
    sagas1.variables = []
    library.categories.push({ slug: 'bulk-things', name: 'Bulk Things', parent: null })
    library.prompts.push(
      { id: 'bulk-1', category: 'bulk-things', template: 'Write a quixotical migration guide.', variables: [], tags: ['imported'] },
      { id: 'bulk-2', category: 'sagas', type: 'chat', messages: [{ role: 'system', content: 'You review flamboyantly.' }, { placeholder: 'history' }], variables: [] }
    )
    const generation = t.app.library.store.sqlite.prepare('SELECT generation FROM search_generation').pluck()
    const before = generation.get() as number
    assert.ok((await searchIds(t, 'including all compensating actions')).includes('sagas-1'))

    const report = (await t.http.post('/v1/import').set(admin).send(library).expect(200)).body
    assert.deepEqual(report, { created: ['bulk-1', 'bulk-2'], updated: ['sagas-1'], unchanged: 148 })

    assert.deepEqual(await searchIds(t, 'zanzibarish'), ['sagas-1'], 'an updated prompt is found by its new text')
    assert.ok(!(await searchIds(t, 'including all compensating actions')).includes('sagas-1'), 'and not by its old text')
    assert.deepEqual(await searchIds(t, 'quixotical'), ['bulk-1'], 'a created prompt is found')
    assert.deepEqual(await searchIds(t, 'bulk things'), ['bulk-1'], 'by its new category too')
    assert.deepEqual(await searchIds(t, 'flamboyantly'), ['bulk-2'], 'a chat prompt by its messages')
    assert.deepEqual(await searchIds(t, 'zanzib'), ['sagas-1'], 'the vocabulary reloaded: the prefix completes')
    assert.deepEqual((await t.http.get('/v1/prompts').query({ q: 'quixotcal' }).expect(200)).body.didYouMean, 'quixotical')
    assert.equal(generation.get(), before + 1, 'one index generation for the whole import')
    assert.equal(t.app.library.store.sqlite.prepare("SELECT count(*) FROM search_documents WHERE prompt_id = 'testing-2'").pluck().get(), 0)
    assertIndexInStep(t)
  })

  it('rolls a failed import back, index included, and single writes index at once after it', async () => {
    const library = await exportJson(t)
    const half = Math.floor(library.prompts.length / 2)
    library.prompts[0]!.template = 'A vanishing marmalade prompt.'
    library.prompts[0]!.variables = []
    library.prompts.push({ id: 'bulk-3', category: 'sagas', template: 'Another vanishing marmalade prompt.', variables: [] })
    library.prompts[half]!.template = 'Broken {{'
    library.prompts[half]!.variables = []
    const res = await t.http.post('/v1/import').set(admin).send(library)
    assert.equal(res.status, 400)
    assert.match(res.body.detail, new RegExp(`#/prompts/${half}`))
    assert.deepEqual(await searchIds(t, 'marmalade'), [])
    assertIndexInStep(t)

    await patchTemplate(t, 'sagas-3', 'Explain the gooseberry rule.')
    assert.deepEqual(await searchIds(t, 'gooseberry'), ['sagas-3'])
    assertIndexInStep(t)
  })

  it('indexes nothing in a dry run, and single writes index at once after it', async () => {
    const library = await exportJson(t)
    library.prompts[1]!.template = 'A hypothetical kumquat prompt.'
    library.prompts[1]!.variables = []
    const report = (await t.http.post('/v1/import?dryRun=true').set(admin).send(library).expect(200)).body
    assert.deepEqual(report.updated, [library.prompts[1]!.id])
    assert.deepEqual(await searchIds(t, 'kumquat'), [])
    assertIndexInStep(t)

    await t.http.post('/v1/prompts').set(admin).send({ id: 'single-1', category: 'sagas', template: 'Plan the persimmon saga.' }).expect(201)
    assert.deepEqual(await searchIds(t, 'persimmon'), ['single-1'])
    await patchTemplate(t, 'single-1', 'Plan the tamarind saga.')
    assert.deepEqual(await searchIds(t, 'tamarind'), ['single-1'])
    assert.deepEqual(await searchIds(t, 'persimmon'), [])
    await t.http.delete('/v1/prompts/single-1').set(admin).expect(204)
    assert.deepEqual(await searchIds(t, 'tamarind'), [])
    assertIndexInStep(t)
  })

  it('defers indexing only inside a transaction', () => {
    assert.throws(() => { t.app.library.searchIndex.defer() }, /inside a transaction/)
    assertIndexInStep(t)
  })
})
