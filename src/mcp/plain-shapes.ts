// Quick checks for the shapes that nearly every MCP request has, each accepting only what the SDK's zod schema also
// accepts (and holding nothing that the schema would drop and a handler read). A message that passes is used as it
// is; any other goes through the schema, which gives the precise error. Zod's parse of a valid message costs more
// than the prompt lookup it precedes; a failed branch of a union (a request tried as a response) far more.
import type { GetPromptRequest, JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js'

const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params'])

function isPlainObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON-RPC request without `_meta`: JSONRPCRequestSchema (a strict object) accepts it unchanged. */
export function isPlainJsonRpcRequest (value: unknown): value is JSONRPCRequest {
  if (!isPlainObject(value) || value.jsonrpc !== '2.0' || typeof value.method !== 'string') return false
  const { id, params } = value
  if (typeof id !== 'string' && !Number.isSafeInteger(id)) return false
  // Zod drops an own __proto__ key (JSON.parse makes one), so a message holding one is left to the schema.
  if (params !== undefined && (!isPlainObject(params) || Object.hasOwn(params, '_meta') || Object.hasOwn(params, '__proto__'))) return false
  for (const key in value) if (!REQUEST_KEYS.has(key)) return false
  return true
}

/** prompts/get with a string name and string arguments, without `_meta`: GetPromptRequestSchema accepts it. */
export function isPlainGetPromptRequest (request: JSONRPCRequest): request is JSONRPCRequest & GetPromptRequest {
  const { params } = request
  if (request.method !== 'prompts/get' || !isPlainObject(params) || typeof params.name !== 'string' || Object.hasOwn(params, '_meta')) return false
  const args = params.arguments
  if (args === undefined) return true
  if (!isPlainObject(args)) return false
  for (const key in args) if (typeof args[key] !== 'string' || key === '__proto__') return false
  return true
}
