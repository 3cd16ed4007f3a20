// The TypeScript client against the real service: its committed types match the service's live document, and the
// main calls work through it.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startChildServer, type ChildServer } from '../../../test/helpers/child-server.js'
import { generateTypes, SCHEMA_FILE } from '../scripts/generate-types.js'
import { createClient, type PromptshelfClient } from '../src/index.js'

const ADMIN_KEY = 'client-test-admin-key-0123456789'
const README = new URL('../README.md', import.meta.url)
/** Inside the package, so that the example's import of @promptshelf/client resolves as it would for a user. */
const EXAMPLE_FILE = new URL('./readme-example.generated.ts', import.meta.url)

describe('@promptshelf/client against the running service', () => {
  let server: ChildServer
  let directory: string
  let anonymous: PromptshelfClient
  let admin: PromptshelfClient
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'promptshelf-client-'))
    server = await startChildServer({
      DATABASE_PATH: join(directory, 'store.db'),
      ADMIN_API_KEY: ADMIN_KEY,
      RATE_LIMIT_ANON_MAX: '1000',
      // Shedding off, as in every test but its own: a busy test machine lags the loop.
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0'
    }, 90_000)
    anonymous = createClient({ baseUrl: server.baseUrl })
    admin = createClient({ baseUrl: server.baseUrl, apiKey: ADMIN_KEY })
  })
  after(async () => {
    server.child.kill('SIGTERM')
    await server.exited
    rmSync(directory, { recursive: true, force: true })
  })

  it('has committed types that match the live document (else run npm run client:generate)', async () => {
    const answer = await fetch(`${server.baseUrl}/openapi.json`)
    assert.equal(answer.status, 200)
    const document = await answer.json() as Record<string, unknown>
    const fresh = (await generateTypes(document)).split('\n')
    const committed = readFileSync(SCHEMA_FILE, 'utf8').split('\n')
    const line = fresh.findIndex((text, index) => text !== committed[index])
    assert.ok(line === -1 && fresh.length === committed.length,
      `clients/typescript/src/schema.ts is stale at line ${line + 1} (live: ${JSON.stringify(fresh[line])}): run \`npm run client:generate\` and commit it`)
  })

  it('lists a category', async () => {
    const { data, error } = await anonymous.GET('/v1/prompts', { params: { query: { category: 'sagas' } } })
    assert.equal(error, undefined)
    assert.deepEqual(data!.items.map((prompt) => prompt.id), ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5'])
    assert.equal(data!.nextCursor, null)
  })

  it('gets a prompt with its ETag and revalidates it', async () => {
    const first = await anonymous.GET('/v1/prompts/{id}', { params: { path: { id: 'sagas-1' } } })
    assert.equal(first.data!.id, 'sagas-1')
    const etag = first.response.headers.get('etag')!
    assert.equal(etag, '"sagas-1.v1"')
    const again = await anonymous.GET('/v1/prompts/{id}', { params: { path: { id: 'sagas-1' }, header: { 'if-none-match': etag } } })
    assert.equal(again.response.status, 304)
    const missing = await anonymous.GET('/v1/prompts/{id}', { params: { path: { id: 'sagas-99' } } })
    assert.equal(missing.response.status, 404)
    assert.equal(missing.error!.status, 404)
  })

  it('renders', async () => {
    const { data } = await anonymous.POST('/v1/prompts/{id}/render', {
      params: { path: { id: 'sagas-1' } },
      body: { variables: { specific_distributed_transaction: 'hotel booking' } }
    })
    assert.equal(data!.text, 'Design a Saga pattern for a hotel booking using Restate, including all compensating actions.')
  })

  it('searches', async () => {
    const { data } = await anonymous.GET('/v1/prompts', { params: { query: { q: 'saga compensation', limit: 5 } } })
    assert.ok(data!.items.length > 0)
    assert.match(data!.items[0]!.highlight!, /<mark>/)
    assert.ok(data!.facets!.categories.some((facet) => facet.slug === 'sagas'))
  })

  it('creates a prompt, then patches it with If-Match', async () => {
    const created = await admin.POST('/v1/prompts', {
      body: { id: 'client-made-1', category: 'sagas', template: 'Compensate a {{step}} in a saga.' }
    })
    assert.equal(created.response.status, 201)
    assert.equal(created.response.headers.get('location'), '/v1/prompts/client-made-1')
    assert.equal(created.data!.version, 1)
    const etag = created.response.headers.get('etag')!

    const patched = await admin.PATCH('/v1/prompts/{id}', {
      params: { path: { id: 'client-made-1' }, header: { 'if-match': etag } },
      body: { template: 'Compensate a {{step}} in a saga, idempotently.' }
    })
    assert.equal(patched.data!.version, 2)
    const stale = await admin.PATCH('/v1/prompts/{id}', {
      params: { path: { id: 'client-made-1' }, header: { 'if-match': etag } },
      body: { template: 'Lost update.' }
    })
    assert.equal(stale.response.status, 412)
    assert.equal(stale.error!.status, 412)

    const anonymousWrite = await anonymous.POST('/v1/prompts', { body: { category: 'sagas', template: 'x' } })
    assert.equal(anonymousWrite.response.status, 401)
  })
  it('runs the README example as written', async () => {
    const example = /```ts\n([\s\S]*?)```/.exec(readFileSync(README, 'utf8'))![1]!
    writeFileSync(EXAMPLE_FILE, example)
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', EXAMPLE_FILE.pathname], {
        env: { PATH: process.env.PATH ?? '', PROMPTSHELF_URL: server.baseUrl, PROMPTSHELF_API_KEY: ADMIN_KEY },
        encoding: 'utf8',
        timeout: 30_000
      })
      assert.equal(run.status, 0, run.stderr)
      assert.match(run.stdout, /'sagas-1',\s+'sagas-2',\s+'sagas-3',\s+'sagas-4',\s+'sagas-5'/)
      assert.match(run.stdout, /Design a Saga pattern for a hotel booking using Restate/)
      assert.match(run.stdout, /version 2/)
    } finally {
      rmSync(EXAMPLE_FILE, { force: true })
    }
  })
})
