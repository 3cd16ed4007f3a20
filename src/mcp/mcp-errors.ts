// The service's typed errors as JSON-RPC errors. Any client error (a DomainError with a 4xx status: unknown prompt,
// missing or mistyped value, bad cursor) is -32602 Invalid params, whatever its class, with the problem's members in
// `data`; so are the errors services add later, as long as they keep the DomainError shape (status, extensions).
// Anything else is a server fault: the client gets -32603 and a neutral message, the log gets the error.
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js'
import { DomainError } from '../domain/errors.js'

/**
 * A JSON-RPC error as the SDK sends it (it reads `code`, `message` and `data`). The SDK's McpError would put
 * "MCP error -32602:" in front of the message, and the SDK's client adds that prefix once more.
 */
export class JsonRpcError extends Error {
  constructor (readonly code: number, message: string, readonly data?: unknown) {
    super(message)
  }
}

export function invalidParams (message: string, data?: unknown): JsonRpcError {
  return new JsonRpcError(ErrorCode.InvalidParams, message, data)
}

interface NamedIssue {
  name?: unknown
  detail?: unknown
}

/** The message a JSON-RPC client shows: it names what was wrong, in the words of MCP (arguments, not variables). */
export function clientMessage (error: DomainError, subject: string): string {
  const { missing, invalid } = error.extensions as { missing?: unknown, invalid?: unknown }
  const parts: string[] = []
  if (Array.isArray(missing) && missing.length > 0) {
    parts.push(`${subject} needs the argument${missing.length > 1 ? 's' : ''} ${missing.map(String).join(', ')}`)
  }
  if (Array.isArray(invalid) && invalid.length > 0) {
    parts.push(...(invalid as NamedIssue[]).map((issue) => `argument ${String(issue.name)}: ${String(issue.detail)}`))
  }
  return parts.length > 0 ? parts.join('; ') : error.message
}

export function isClientError (error: unknown): error is DomainError {
  return error instanceof DomainError && error.status >= 400 && error.status < 500
}

/** Runs fn and turns a client error into -32602; other errors pass through unchanged. */
export function asInvalidParams<T> (subject: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (isClientError(error)) {
      throw invalidParams(clientMessage(error, subject), { status: error.status, title: error.title, detail: error.message, ...error.extensions })
    }
    throw error
  }
}
