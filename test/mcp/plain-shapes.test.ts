// The quick shape checks accept only what the SDK's schemas accept, and pass the common messages.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { GetPromptRequestSchema, JSONRPCRequestSchema, type JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js'
import { isPlainGetPromptRequest, isPlainJsonRpcRequest } from '../../src/mcp/plain-shapes.js'

const request = (fields: Record<string, unknown>): Record<string, unknown> => ({ jsonrpc: '2.0', id: 1, method: 'prompts/get', ...fields })

const MESSAGES: unknown[] = [
  request({}),
  request({ params: { name: 'sagas-1' } }),
  request({ id: 'a', params: { name: 'sagas-1', arguments: { x: 'y' } } }),
  request({ id: 1.5 }),
  request({ id: Number.MAX_SAFE_INTEGER + 2 }),
  request({ id: null }),
  request({ jsonrpc: '1.0' }),
  request({ method: 5 }),
  request({ params: [] }),
  request({ params: null }),
  request({ params: { _meta: { progressToken: 'p' } } }),
  request({ params: { _meta: 'not an object' } }),
  request({ extra: true }),
  JSON.parse('{"jsonrpc":"2.0","id":1,"method":"ping","__proto__":{}}'),
  JSON.parse('{"jsonrpc":"2.0","id":1,"method":"ping","params":{"__proto__":{}}}'),
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  { jsonrpc: '2.0', id: 1, result: {} },
  [request({})],
  null,
  'text'
]

const GET_PARAMS: unknown[] = [
  { name: 'sagas-1' },
  { name: 'sagas-1', arguments: {} },
  { name: 'sagas-1', arguments: { a: 'b', c: '' } },
  { name: 'sagas-1', arguments: { a: 1 } },
  { name: 'sagas-1', arguments: { a: null } },
  { name: 'sagas-1', arguments: [] },
  { name: 'sagas-1', arguments: 'a=b' },
  { name: 5 },
  {},
  { name: 'sagas-1', _meta: { progressToken: 1 } },
  { name: 'sagas-1', _meta: 7 },
  JSON.parse('{"name":"sagas-1","arguments":{"__proto__":"x"}}'),
  JSON.parse('{"name":"sagas-1","arguments":{"__proto__":5}}')
]

describe('plain MCP shapes', () => {
  it('accepts a JSON-RPC message as a plain request only when JSONRPCRequestSchema accepts it unchanged', () => {
    let accepted = 0
    for (const message of MESSAGES) {
      if (!isPlainJsonRpcRequest(message)) continue
      accepted++
      const parsed = JSONRPCRequestSchema.safeParse(message)
      assert.ok(parsed.success, JSON.stringify(message))
      assert.deepEqual(parsed.data, message)
    }
    assert.equal(accepted, 3)
  })

  it('accepts prompts/get params only when GetPromptRequestSchema accepts them with the same name and arguments', () => {
    let accepted = 0
    for (const params of GET_PARAMS) {
      const message = { jsonrpc: '2.0', id: 1, method: 'prompts/get', params } as JSONRPCRequest
      if (!isPlainGetPromptRequest(message)) continue
      accepted++
      const parsed = GetPromptRequestSchema.safeParse(message)
      assert.ok(parsed.success, JSON.stringify(params))
      assert.deepEqual({ name: parsed.data.params.name, arguments: parsed.data.params.arguments }, { name: message.params.name, arguments: message.params.arguments })
    }
    assert.equal(accepted, 3)
    assert.equal(isPlainGetPromptRequest({ jsonrpc: '2.0', id: 1, method: 'prompts/list', params: { name: 'x' } }), false)
  })
})
