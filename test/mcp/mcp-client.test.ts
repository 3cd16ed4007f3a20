// POST /mcp through the SDK's own Client and StreamableHTTPClientTransport, against the real server on 127.0.0.1.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { McpError, type Prompt } from '@modelcontextprotocol/sdk/types.js'
import { allPrompts } from '../helpers/all-prompts.js'
import { connect } from '../helpers/mcp-client.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

const SAGA_SENTENCE = 'Design a Saga pattern for a hotel booking using Restate, including all compensating actions.'

/** The JSON-RPC error a call ends with; fails when it succeeds. */
async function rpcError (call: Promise<unknown>): Promise<McpError> {
  try {
    await call
  } catch (error) {
    assert.ok(error instanceof McpError, `expected a JSON-RPC error, got ${String(error)}`)
    return error
  }
  assert.fail('the call succeeded')
}

async function listAll (client: Client): Promise<{ prompts: Prompt[], pages: number[] }> {
  const prompts: Prompt[] = []
  const pages: number[] = []
  let cursor: string | undefined
  do {
    const page = await client.listPrompts(cursor === undefined ? {} : { cursor })
    prompts.push(...page.prompts)
    pages.push(page.prompts.length)
    cursor = page.nextCursor
  } while (cursor !== undefined)
  return { prompts, pages }
}

describe('MCP through the SDK client', () => {
  let t: TestApp
  let base: string
  let client: Client

  before(async () => {
    t = await buildTestApp()
    base = await t.app.listen({ port: 0, host: '127.0.0.1' })
    client = await connect(`${base}/mcp`)
  })
  after(async () => {
    await client.close()
    await t.close()
  })

  it('announces prompts (listChanged false), tools and completions', () => {
    assert.deepEqual(client.getServerCapabilities(), { prompts: { listChanged: false }, tools: { listChanged: false }, completions: {} })
    assert.equal(client.getServerVersion()?.name, 'promptshelf')
  })

  it('lists all 150 seeded prompts through the cursor, at most 100 a page, in document order', async () => {
    const { prompts, pages } = await listAll(client)
    assert.deepEqual(pages, [100, 50])
    const rest = await allPrompts(t)
    assert.equal(rest.length, 150)
    assert.deepEqual(prompts.map((prompt) => prompt.name), rest.map((prompt) => prompt.id))
    const saga = prompts.find((prompt) => prompt.name === 'sagas-1')!
    assert.deepEqual(saga, {
      name: 'sagas-1',
      title: 'Sagas: Design a Saga pattern…',
      description: 'Design a Saga pattern for a [specific distributed transaction] using Restate, including all compensating actions. (Error Handling and Sagas › Sagas)',
      arguments: [{ name: 'specific_distributed_transaction', description: 'specific distributed transaction', required: true }]
    })
    for (const prompt of prompts) {
      assert.ok(prompt.title && prompt.title.length <= 60, `title of ${prompt.name}: ${prompt.title}`)
      assert.ok(prompt.description && prompt.description.length <= 300 && !prompt.description.includes('{{'), `description of ${prompt.name}`)
    }
    const withExamples = prompts.find((prompt) => prompt.name === 'service-architecture-4')!
    assert.deepEqual(withExamples.arguments, [{ name: 'specific_domain', description: 'specific domain like e-commerce, IoT, etc.', required: true }])
  })

  it('renders sagas-1 with its argument to exactly the contract sentence, as one user message', async () => {
    const result = await client.getPrompt({ name: 'sagas-1', arguments: { specific_distributed_transaction: 'hotel booking' } })
    assert.deepEqual(result.messages, [{ role: 'user', content: { type: 'text', text: SAGA_SENTENCE } }])
  })

  it('answers -32602 naming the argument when a required argument is missing, and naming the prompt when it is unknown', async () => {
    const missing = await rpcError(client.getPrompt({ name: 'sagas-1' }))
    assert.equal(missing.code, -32602)
    assert.match(missing.message, /specific_distributed_transaction/)
    const unknown = await rpcError(client.getPrompt({ name: 'sagas-99', arguments: {} }))
    assert.equal(unknown.code, -32602)
    assert.match(unknown.message, /sagas-99/)
  })

  it('completes an argument from its examples by prefix, case-insensitively', async () => {
    const ref = { type: 'ref/prompt' as const, name: 'service-architecture-4' }
    const e = await client.complete({ ref, argument: { name: 'specific_domain', value: 'E' } })
    assert.deepEqual(e.completion, { values: ['e-commerce'], total: 1, hasMore: false })
    const all = await client.complete({ ref, argument: { name: 'specific_domain', value: '' } })
    assert.deepEqual(all.completion.values, ['e-commerce', 'IoT'])
    const iot = await client.complete({ ref, argument: { name: 'specific_domain', value: 'io' } })
    assert.deepEqual(iot.completion.values, ['IoT'])
    const none = await rpcError(client.complete({ ref, argument: { name: 'no_such_argument', value: '' } }))
    assert.equal(none.code, -32602)
    assert.match(none.message, /no_such_argument/)
  })

  it('lists four read-only tools, each with an input and an output schema', async () => {
    const { tools } = await client.listTools()
    assert.deepEqual(tools.map((tool) => tool.name), ['search_prompts', 'get_prompt', 'render_prompt', 'list_categories'])
    for (const tool of tools) {
      assert.equal(tool.annotations?.readOnlyHint, true)
      assert.equal(tool.inputSchema.type, 'object')
      assert.equal(tool.outputSchema?.type, 'object')
    }
  })

  // The SDK's client checks structuredContent against each outputSchema, so every call here also checks the schema.
  it('search_prompts answers what GET /v1/prompts?q= answers', async () => {
    const result = await client.callTool({ name: 'search_prompts', arguments: { query: 'saga compensation', limit: 5 } })
    const rest = await t.http.get('/v1/prompts').query({ q: 'saga compensation', limit: 5 }).expect(200)
    assert.deepEqual(result.structuredContent, rest.body)
    assert.ok((rest.body.items as unknown[]).length > 0)
    assert.deepEqual(JSON.parse((result.content as Array<{ text: string }>)[0]!.text), rest.body)
    const narrowed = await client.callTool({ name: 'search_prompts', arguments: { query: 'saga', category: 'sagas' } })
    const ids = (narrowed.structuredContent as { items: Array<{ category: string }> }).items.map((item) => item.category)
    assert.ok(ids.length > 0 && ids.every((category) => category === 'sagas'))
  })

  it('get_prompt answers what GET /v1/prompts/:id answers', async () => {
    const result = await client.callTool({ name: 'get_prompt', arguments: { id: 'sagas-1' } })
    const rest = await t.http.get('/v1/prompts/sagas-1').expect(200)
    assert.deepEqual(result.structuredContent, rest.body)
  })

  it('render_prompt answers what POST /v1/prompts/:id/render answers', async () => {
    const variables = { specific_distributed_transaction: 'hotel booking' }
    const result = await client.callTool({ name: 'render_prompt', arguments: { id: 'sagas-1', variables } })
    const rest = await t.http.post('/v1/prompts/sagas-1/render').send({ variables }).expect(200)
    assert.deepEqual(result.structuredContent, rest.body)
    assert.equal((result.structuredContent as { text: string }).text, SAGA_SENTENCE)
  })

  it('list_categories answers what GET /v1/categories answers', async () => {
    const result = await client.callTool({ name: 'list_categories', arguments: {} })
    const rest = await t.http.get('/v1/categories').expect(200)
    assert.deepEqual(result.structuredContent, rest.body)
    assert.equal((rest.body.items as unknown[]).length, 45)
  })

  it('refuses tool arguments that do not fit with -32602, and reports a failed call as a tool error', async () => {
    const wrongType = await rpcError(client.callTool({ name: 'get_prompt', arguments: { id: 5 } }))
    assert.equal(wrongType.code, -32602)
    assert.match(wrongType.message, /id: must be string/)
    const extra = await rpcError(client.callTool({ name: 'list_categories', arguments: { all: true } }))
    assert.match(extra.message, /unknown argument all/)
    const nested = await rpcError(client.callTool({ name: 'render_prompt', arguments: { id: 'sagas-1', variables: { x: { y: 1 } } } }))
    assert.equal(nested.code, -32602)
    const unknownTool = await rpcError(client.callTool({ name: 'delete_prompt', arguments: {} }))
    assert.equal(unknownTool.code, -32602)
    assert.match(unknownTool.message, /delete_prompt/)

    const missing = await client.callTool({ name: 'render_prompt', arguments: { id: 'sagas-1', variables: {} } })
    assert.equal(missing.isError, true)
    assert.match((missing.content as Array<{ text: string }>)[0]!.text, /specific_distributed_transaction/)
    const unknown = await client.callTool({ name: 'get_prompt', arguments: { id: 'sagas-99' } })
    assert.equal(unknown.isError, true)
    assert.match((unknown.content as Array<{ text: string }>)[0]!.text, /sagas-99/)
  })

  it('follows writes at once: a new prompt is listed and served, a deleted one leaves', async () => {
    const admin = { 'x-api-key': TEST_ADMIN_KEY }
    await t.http.post('/v1/prompts').set(admin).send({ id: 'sagas-mcp', category: 'sagas', template: 'Compensate {{step}} in a saga.' }).expect(201)
    const listed = (await listAll(client)).prompts.map((prompt) => prompt.name)
    assert.equal(listed.length, 151)
    assert.equal(listed[listed.indexOf('sagas-5') + 1], 'sagas-mcp')
    const got = await client.getPrompt({ name: 'sagas-mcp', arguments: { step: 'the payment' } })
    assert.deepEqual(got.messages, [{ role: 'user', content: { type: 'text', text: 'Compensate the payment in a saga.' } }])

    await t.http.delete('/v1/prompts/sagas-mcp').set(admin).expect(204)
    assert.equal((await listAll(client)).prompts.length, 150)
    assert.equal((await rpcError(client.getPrompt({ name: 'sagas-mcp', arguments: { step: 'x' } }))).code, -32602)
  })

  it('serves labelled versions under ?label=, leaving out prompts without the label', async () => {
    const admin = { 'x-api-key': TEST_ADMIN_KEY }
    const etag = (await t.http.get('/v1/prompts/sagas-2').expect(200)).headers.etag!
    await t.http.patch('/v1/prompts/sagas-2').set(admin).set('if-match', etag).send({ template: 'Version two about {{topic}}.' }).expect(200)
    await t.http.put('/v1/prompts/sagas-2/labels/production').set(admin).send({ version: 1 }).expect(200)
    await t.http.put('/v1/prompts/sagas-3/labels/production').set(admin).send({ version: 1 }).expect(200)

    const labelled = await connect(`${base}/mcp?label=production`)
    try {
      const { prompts } = await listAll(labelled)
      assert.deepEqual(prompts.map((prompt) => prompt.name), ['sagas-2', 'sagas-3'])
      assert.deepEqual(prompts[0]!.arguments, [])
      const v1 = await labelled.getPrompt({ name: 'sagas-2' })
      assert.match((v1.messages[0]!.content as { text: string }).text, /^Write a complete example of implementing a Saga/)
      assert.equal((await rpcError(labelled.getPrompt({ name: 'sagas-1', arguments: { specific_distributed_transaction: 'x' } }))).code, -32602)
      const tool = await labelled.callTool({ name: 'get_prompt', arguments: { id: 'sagas-2' } })
      assert.equal((tool.structuredContent as { version: number }).version, 1)
    } finally {
      await labelled.close()
    }
    const current = await client.getPrompt({ name: 'sagas-2', arguments: { topic: 'sagas' } })
    assert.equal((current.messages[0]!.content as { text: string }).text, 'Version two about sagas.')
  })
})
