// POST /mcp at the HTTP level, on the real server on 127.0.0.1: keys, limits, Origin, methods and bad input.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'
import { connect } from '../helpers/mcp-client.js'

const MCP_HEADERS = { accept: 'application/json, text/event-stream', 'content-type': 'application/json', 'mcp-protocol-version': '2025-11-25' }

interface Answer {
  status: number
  headers: Headers
  text: string
  json: () => any
}

async function post (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...MCP_HEADERS, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000)
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) }
}

const request = (id: number, method: string, params?: unknown): object => ({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) })

async function createKey (t: TestApp, body: object): Promise<string> {
  return (await t.http.post('/v1/keys').set('x-api-key', TEST_ADMIN_KEY).send(body).expect(201)).body.key
}

describe('MCP over HTTP', () => {
  let t: TestApp
  let base: string
  let mcp: string

  before(async () => {
    t = await buildTestApp({ RATE_LIMIT_ANON_MAX: '40', MCP_ALLOWED_ORIGINS: 'https://app.example.com' })
    base = await t.app.listen({ port: 0, host: '127.0.0.1' })
    mcp = `${base}/mcp`
  })
  after(async () => { await t.close() })

  it('answers concurrent requests that share a JSON-RPC id each with its own prompt, and a cancellation reaches only its own batch', async () => {
    const ids = ['sagas-1', 'sagas-2', 'sagas-3', 'sagas-4', 'sagas-5']
    const admin = { 'x-api-key': TEST_ADMIN_KEY }
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      post(mcp, request(7, 'tools/call', { name: 'get_prompt', arguments: { id: ids[i % ids.length] } }), admin)))
    answers.forEach((answer, i) => {
      assert.equal(answer.status, 200)
      assert.equal(answer.json().id, 7)
      assert.equal(answer.json().result.structuredContent.id, ids[i % ids.length])
    })
    // A cancellation of id 7 in one batch, sent while other requests with id 7 are in flight, cancels none of them.
    const batchHeaders = { ...admin, 'mcp-protocol-version': '2025-03-26' }
    const cancelling = post(mcp, [request(7, 'ping'), { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 7 } }], batchHeaders)
    const others = Promise.all(ids.map((id) => post(mcp, request(7, 'tools/call', { name: 'get_prompt', arguments: { id } }), admin)))
    // Its own request is cancelled, so the batch has nothing left to answer.
    assert.equal((await cancelling).status, 202)
    for (const [i, answer] of (await others).entries()) assert.equal(answer.json().result.structuredContent.id, ids[i])
  })

  it('counts each request once against the key\'s own budget, and refuses the one past it with 429', async () => {
    const key = await createKey(t, { name: 'mcp-five', scopes: ['prompts:read'], rateLimit: { max: 5, windowSeconds: 60 } })
    const remaining: string[] = []
    for (let i = 0; i < 5; i++) {
      const answer = await post(mcp, request(i, 'prompts/get', { name: 'sagas-3' }), { 'x-api-key': key })
      assert.equal(answer.status, 200)
      assert.equal(answer.json().result.messages.length, 1)
      remaining.push(answer.headers.get('x-ratelimit-remaining')!)
    }
    assert.deepEqual(remaining, ['4', '3', '2', '1', '0'])
    const refused = await post(mcp, request(9, 'ping'), { authorization: `Bearer ${key}` })
    assert.equal(refused.status, 429)
    assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/)
    assert.ok(Number(refused.headers.get('retry-after')) > 0)
    assert.equal(refused.headers.get('ratelimit-policy'), '"key";q=5;w=60')

    // The SDK's client meets the same limit: its initialize is the request past the budget.
    const error = await connect(mcp, { 'x-api-key': key }).then(() => undefined, (thrown: unknown) => thrown)
    assert.ok(error instanceof StreamableHTTPError, String(error))
    assert.equal(error.code, 429)
  })

  it('serves a key through the SDK client within its budget', async () => {
    const key = await createKey(t, { name: 'mcp-client', scopes: ['prompts:read'], rateLimit: { max: 50, windowSeconds: 60 } })
    const client = await connect(mcp, { authorization: `Bearer ${key}` })
    try {
      const { prompts } = await client.listPrompts()
      assert.equal(prompts.length, 100)
    } finally {
      await client.close()
    }
  })

  it('answers an unknown key with 401 and WWW-Authenticate, never as anonymous', async () => {
    const answer = await post(mcp, request(1, 'prompts/list'), { 'x-api-key': 'psk_not-a-real-key-000000000000' })
    assert.equal(answer.status, 401)
    assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="promptshelf", error="invalid_token"')
    assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/)
    assert.equal(answer.json().status, 401)
    const error = await connect(mcp, { authorization: 'Bearer psk_not-a-real-key-000000000000' }).then(() => undefined, (thrown: unknown) => thrown)
    assert.ok(error instanceof Error && /401|Unauthorized/i.test(error.message), String(error))
  })

  it('refuses a browser Origin that is not listed (DNS rebinding) with 403, and serves a listed one', async () => {
    const evil = await post(mcp, request(1, 'ping'), { origin: 'http://rebound.example:3000' })
    assert.equal(evil.status, 403)
    assert.match(evil.json().detail, /MCP_ALLOWED_ORIGINS/)
    assert.equal((await post(mcp, request(1, 'ping'), { origin: 'null' })).status, 403)
    const listed = await post(mcp, request(1, 'ping'), { origin: 'https://app.example.com' })
    assert.equal(listed.status, 200)
    assert.deepEqual(listed.json(), { jsonrpc: '2.0', id: 1, result: {} })
  })

  it('answers GET and DELETE with 405 and Allow: POST', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(mcp, { method, headers: { accept: 'text/event-stream' } })
      assert.equal(response.status, 405, method)
      assert.equal(response.headers.get('allow'), 'POST')
      assert.equal((await response.json()).status, 405)
    }
  })

  it('keeps to JSON responses without a session id', async () => {
    const answer = await post(mcp, request(1, 'initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } }))
    assert.equal(answer.status, 200)
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/)
    assert.equal(answer.headers.get('mcp-session-id'), null)
    assert.equal(answer.json().result.protocolVersion, '2025-11-25')
  })

  it('answers a lone request exactly as the SDK\'s Server answers it in a batch of one', async () => {
    // A batch (protocol 2025-03-26) always goes through the Server; a lone request for an offered method does not.
    const headers = { 'x-api-key': TEST_ADMIN_KEY, 'mcp-protocol-version': '2025-03-26' }
    const booking = { specific_distributed_transaction: 'hotel booking' }
    const cases: Array<[message: object | string, errorCode: number | null]> = [
      [request(1, 'ping'), null],
      [request(2, 'prompts/get', { name: 'sagas-1', arguments: booking }), null],
      [request(3, 'prompts/get', { name: 'sagas-1' }), -32602],
      [request(4, 'prompts/get', { name: 'no-such-prompt', arguments: booking }), -32602],
      [request(5, 'prompts/get', { name: 'sagas-1', arguments: { specific_distributed_transaction: 7 } }), -32602],
      [request(6, 'prompts/get', { name: 'sagas-1', arguments: booking, _meta: { progressToken: 'p1' } }), null],
      [request(7, 'prompts/list'), null],
      [request(8, 'prompts/list', { cursor: 'not-a-cursor-of-ours' }), -32602],
      [request(9, 'tools/list'), null],
      [request(10, 'tools/call', { name: 'search_prompts', arguments: { query: 'saga compensation' } }), null],
      [request(11, 'tools/call', { name: 'no_such_tool', arguments: {} }), -32602],
      [request(12, 'completion/complete', { ref: { type: 'ref/prompt', name: 'sagas-1' }, argument: { name: 'specific_distributed_transaction', value: '' } }), null],
      [request(13, 'resources/list'), -32601],
      ['{"jsonrpc":"2.0","id":"text-id","method":"ping"}', null]
    ]
    for (const [message, errorCode] of cases) {
      const lone = await post(mcp, message, headers)
      const batch = await post(mcp, typeof message === 'string' ? `[${message}]` : [message], headers)
      const label = typeof message === 'string' ? message : JSON.stringify(message)
      assert.equal(lone.status, 200, `${label}: ${lone.text}`)
      assert.equal(batch.status, 200, `${label}: ${batch.text}`)
      assert.deepEqual(lone.json(), batch.json()[0], label)
      assert.equal(lone.json().error?.code ?? null, errorCode, `${label}: ${lone.text}`)
    }
    // What the lone request was answered with is the prompt, not an empty result that would match anything.
    const rendered = (await post(mcp, cases[1]![0], headers)).json()
    assert.match(rendered.result.messages[0].content.text, /hotel booking/)
  })

  describe('bad input: JSON-RPC errors with the right codes or a problem before parsing, never a 5xx', () => {
    it('refuses a batch of 1,000 messages', async () => {
      const batch = Array.from({ length: 1000 }, (_, i) => request(i, 'ping'))
      const current = await post(mcp, batch)
      assert.equal(current.status, 400)
      assert.equal(current.json().error.code, -32600)
      assert.match(current.json().error.message, /no JSON-RPC batches/)
      // Under 2025-03-26, which had batches, the SDK's own limit of 100 messages applies.
      const old = await post(mcp, batch, { 'mcp-protocol-version': '2025-03-26' })
      assert.equal(old.status, 400)
      assert.equal(old.json().error.code, -32600)
      const small = await post(mcp, [request(1, 'ping'), request(2, 'prompts/get', { name: 'sagas-3' })], { 'mcp-protocol-version': '2025-03-26' })
      assert.equal(small.status, 200)
      assert.deepEqual(small.json().map((answer: { id: number }) => answer.id).sort(), [1, 2])
      assert.equal((await post(mcp, [], { 'mcp-protocol-version': '2025-03-26' })).json().error.code, -32600)
      // A request cancelled in its own batch gets no answer, and nothing waits for one.
      const cancel = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } }
      const started = Date.now()
      const cancelled = await post(mcp, [request(1, 'prompts/list'), cancel, request(2, 'ping')], { 'mcp-protocol-version': '2025-03-26' })
      assert.deepEqual(cancelled.json(), [{ jsonrpc: '2.0', id: 2, result: {} }])
      assert.ok(Date.now() - started < 2000)
    })

    it('refuses a 2 MB request with a 413 problem', async () => {
      const huge = JSON.stringify(request(1, 'prompts/get', { name: 'sagas-1', arguments: { specific_distributed_transaction: 'x'.repeat(2 * 1024 * 1024) } }))
      const answer = await post(mcp, huge)
      assert.equal(answer.status, 413)
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/)
    })

    it('answers an unknown method with -32601', async () => {
      const answer = await post(mcp, request(7, 'resources/list'))
      assert.equal(answer.status, 200)
      assert.equal(answer.json().id, 7)
      assert.equal(answer.json().error.code, -32601)
    })

    it('answers params of the wrong shape and arguments of the wrong type with -32602', async () => {
      const cases: Array<[string, unknown]> = [
        ['prompts/get', { name: 5 }],
        ['prompts/get', { name: 'sagas-1', arguments: { specific_distributed_transaction: 5 } }],
        ['prompts/get', { name: 'sagas-1', arguments: ['hotel booking'] }],
        ['prompts/get', { name: 'sagas-1', arguments: { specific_distributed_transaction: 'x'.repeat(10_001) } }],
        ['prompts/list', { cursor: 12 }],
        ['completion/complete', { ref: { type: 'ref/prompt' }, argument: {} }],
        ['completion/complete', { ref: { type: 'ref/resource', uri: 'file:///x' }, argument: { name: 'a', value: '' } }],
        ['tools/call', { name: 'get_prompt', arguments: 'sagas-1' }],
        ['tools/call', { arguments: {} }],
        ['tools/list', { cursor: 'abc' }],
        ['initialize', { protocolVersion: 5 }]
      ]
      for (const [method, params] of cases) {
        const answer = await post(mcp, request(3, method, params))
        assert.equal(answer.status, 200, `${method} ${JSON.stringify(params)}: ${answer.text}`)
        assert.equal(answer.json().error?.code, -32602, `${method} ${JSON.stringify(params)}: ${answer.text}`)
        assert.equal(answer.json().id, 3)
      }
    })

    it('answers params that are neither object nor array as a message that is not JSON-RPC: 400, -32600', async () => {
      for (const params of ['sagas-1', 5]) {
        const answer = await post(mcp, request(3, 'prompts/get', params))
        assert.equal(answer.status, 400)
        assert.equal(answer.json().error.code, -32600)
      }
    })

    it('answers a cursor from elsewhere with -32602', async () => {
      const search = (await t.http.get('/v1/prompts').query({ q: 'saga', limit: 1 }).expect(200)).body.nextCursor as string
      for (const cursor of ['not-a-cursor', search, 'cDE6MzA6NQ==']) {
        const answer = await post(mcp, request(4, 'prompts/list', { cursor }))
        assert.equal(answer.json().error?.code, -32602, `${cursor}: ${answer.text}`)
        assert.match(answer.json().error.message, /cursor/)
      }
    })

    it('answers bodies that are not JSON-RPC with a 400, and a body that is not JSON with a 400 problem', async () => {
      const notRpc = await post(mcp, { hello: 'world' })
      assert.equal(notRpc.status, 400)
      assert.equal(notRpc.json().error.code, -32600)
      const duplicate = await post(mcp, [request(1, 'ping'), request(1, 'ping')], { 'mcp-protocol-version': '2025-03-26' })
      assert.equal(duplicate.status, 400)
      assert.equal(duplicate.json().error.code, -32600)
      const version = await post(mcp, request(1, 'ping'), { 'mcp-protocol-version': '1999-01-01' })
      assert.equal(version.status, 400)
      assert.equal(version.json().error.code, -32000)
      const notJson = await post(mcp, '{"jsonrpc": "2.0",')
      assert.equal(notJson.status, 400)
      assert.match(notJson.headers.get('content-type') ?? '', /^application\/problem\+json/)
      const primitive = await post(mcp, '42')
      assert.equal(primitive.status, 400)
      const text = await post(mcp, 'ping', { 'content-type': 'text/plain' })
      assert.equal(text.status, 415)
      const noAccept = await post(mcp, request(1, 'ping'), { accept: 'application/json' })
      assert.equal(noAccept.status, 406)
      const unknownQuery = await post(`${mcp}?verbose=1`, request(1, 'ping'))
      assert.equal(unknownQuery.status, 400)
    })

    it('answers a notification with 202 and no body', async () => {
      const answer = await post(mcp, { jsonrpc: '2.0', method: 'notifications/initialized' })
      assert.equal(answer.status, 202)
      assert.equal(answer.text, '')
    })
  })
})

describe('MCP for anonymous callers', () => {
  let t: TestApp
  let mcp: string
  before(async () => {
    t = await buildTestApp({ RATE_LIMIT_ANON_MAX: '3' })
    mcp = `${await t.app.listen({ port: 0, host: '127.0.0.1' })}/mcp`
  })
  after(async () => { await t.close() })

  it('reads within the anonymous limit per address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await post(mcp, request(i, 'prompts/list'))).status)
    assert.deepEqual(statuses, [200, 200, 200, 429])
  })
})
