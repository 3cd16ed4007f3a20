// The rules of the Streamable HTTP transport for a POST to a stateless server that answers JSON, as the SDK's own
// server transport applies them: Accept must list application/json and text/event-stream (406), MCP-Protocol-Version
// must be one the SDK supports (400), every message must be JSON-RPC (400), a body of only notifications and
// responses is 202 with no body, and the answer is one JSON-RPC response, or an array of them for a batch.
import { ErrorCode, JSONRPCMessageSchema, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js'
import type { JsonRpcErrorBody, Refusal } from './json-rpc-precheck.js'
import { isPlainJsonRpcRequest } from './plain-shapes.js'

/** The SDK's code for transport-level refusals (a JSON-RPC error without id). */
const TRANSPORT_ERROR = -32000

export interface Exchange {
  messages: JSONRPCMessage[]
  requestIds: RequestId[]
  batch: boolean
}

function refusal (status: number, code: number, message: string): Refusal {
  const body: JsonRpcErrorBody = { jsonrpc: '2.0', id: null, error: { code, message } }
  return { status, body }
}

export function acceptsStreamableHttp (accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('application/json') && accept.includes('text/event-stream')
}

/** The messages of a POST body, or the refusal that answers it. */
export function readExchange (body: unknown, accept: string | undefined, protocolVersion: string | undefined): Exchange | Refusal {
  if (!acceptsStreamableHttp(accept)) {
    return refusal(406, TRANSPORT_ERROR, 'Not Acceptable: Accept must list both application/json and text/event-stream')
  }
  // The common case, one request of the plain shape: none of the batch rules below can apply to it.
  if (isPlainJsonRpcRequest(body)) {
    return versionRefusal(body.method === 'initialize', protocolVersion) ?? { messages: [body], requestIds: [body.id], batch: false }
  }
  const batch = Array.isArray(body)
  const raw = batch ? body as unknown[] : [body]
  const messages: JSONRPCMessage[] = []
  for (const [index, item] of raw.entries()) {
    if (isPlainJsonRpcRequest(item)) {
      messages.push(item)
      continue
    }
    const parsed = JSONRPCMessageSchema.safeParse(item)
    if (!parsed.success) return refusal(400, ErrorCode.InvalidRequest, `Invalid Request: ${batch ? `message ${index}` : 'the body'} is not a JSON-RPC 2.0 message`)
    messages.push(parsed.data)
  }
  const initializing = messages.some((message) => 'method' in message && message.method === 'initialize')
  const unsupported = versionRefusal(initializing, protocolVersion)
  if (unsupported) return unsupported
  const requestIds = messages.flatMap((message) => 'method' in message && 'id' in message ? [message.id] : [])
  if (new Set(requestIds).size !== requestIds.length) return refusal(400, ErrorCode.InvalidRequest, 'Invalid Request: two requests of the batch share an id')
  // A request cancelled in its own batch gets no answer (the server drops it), so none is waited for.
  const cancelled = new Set(messages.flatMap((message) => 'method' in message && message.method === 'notifications/cancelled' && !('id' in message)
    ? [(message.params as { requestId?: unknown } | undefined)?.requestId]
    : []))
  return { messages, requestIds: requestIds.filter((id) => !cancelled.has(id)), batch }
}

/** MCP-Protocol-Version must be one the SDK supports, except on initialize (which negotiates it). */
function versionRefusal (initializing: boolean, protocolVersion: string | undefined): Refusal | undefined {
  if (initializing || protocolVersion === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(protocolVersion)) return undefined
  return refusal(400, TRANSPORT_ERROR, `Bad Request: unsupported MCP-Protocol-Version ${protocolVersion.slice(0, 40)} (supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`)
}

export function isRefusal (value: Exchange | Refusal): value is Refusal {
  return 'status' in value
}
