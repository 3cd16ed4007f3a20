// What /mcp answers before the SDK sees a body.
// Batches: MCP 2025-03-26 allowed them; 2025-06-18 and later removed them, and the SDK negotiates 2025-11-25, so a
// batch under a newer protocol version is an Invalid Request. Where batches are allowed, at most 100 messages (the
// SDK's own server transport takes no more). An empty batch and a batch that carries initialize are refused, as
// JSON-RPC and MCP say.
// A malformed initialize: the SDK's handler would let the schema error through as -32603; it is -32602 here.
import { ErrorCode, InitializeRequestSchema } from '@modelcontextprotocol/sdk/types.js'

export interface JsonRpcErrorBody {
  jsonrpc: '2.0'
  id: string | number | null
  error: { code: number, message: string }
}

export interface Refusal {
  status: number
  body: JsonRpcErrorBody
}

/** The first protocol version without batches. */
const NO_BATCHES_FROM = '2025-06-18'
export const MAX_BATCH_MESSAGES = 100

function invalidRequest (message: string): JsonRpcErrorBody {
  return { jsonrpc: '2.0', id: null, error: { code: ErrorCode.InvalidRequest, message } }
}

/** The answer for a body the SDK should not see, or undefined. */
export function precheck (body: unknown, protocolVersion: string | undefined): Refusal | undefined {
  if (!Array.isArray(body)) return initializeRefusal(body)
  const refusal = batchRefusal(body, protocolVersion)
  return refusal && { status: 400, body: refusal }
}

function initializeRefusal (body: unknown): Refusal | undefined {
  const message = body as { method?: unknown, id?: unknown }
  if (message.method !== 'initialize') return undefined
  const parsed = InitializeRequestSchema.safeParse(body)
  if (parsed.success) return undefined
  const id = typeof message.id === 'string' || (typeof message.id === 'number' && Number.isFinite(message.id)) ? message.id : null
  const issues = parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.map(String).join('.') || 'request'}: ${issue.message}`).join('; ')
  // A request without a valid id is no request: an Invalid Request over HTTP 400, as the transport answers one.
  if (id === null) return { status: 400, body: invalidRequest(`initialize is not a valid request: ${issues}`) }
  return { status: 200, body: { jsonrpc: '2.0', id, error: { code: ErrorCode.InvalidParams, message: `invalid params for initialize: ${issues}` } } }
}

function batchRefusal (body: unknown[], protocolVersion: string | undefined): JsonRpcErrorBody | undefined {
  if (protocolVersion !== undefined && protocolVersion >= NO_BATCHES_FROM) {
    return invalidRequest(`MCP protocol version ${protocolVersion.slice(0, 40)} has no JSON-RPC batches: send one message per request`)
  }
  if (body.length === 0) return invalidRequest('an empty batch holds no message')
  if (body.length > MAX_BATCH_MESSAGES) return invalidRequest(`a batch holds at most ${MAX_BATCH_MESSAGES} messages; this one has ${body.length}`)
  if (body.some((message) => typeof message === 'object' && message !== null && (message as { method?: unknown }).method === 'initialize')) {
    return invalidRequest('initialize must be sent alone, not in a batch')
  }
  return undefined
}
