// The SDK's Transport between promptshelf's one MCP Server and every HTTP request of the stateless Streamable HTTP
// endpoint (JSON responses). Each HTTP request is an McpCall: its JSON-RPC requests get ids of the transport's own
// on the way in (two clients both sending id 1 must not meet in the server's table of requests in flight, where a
// cancellation would reach the other's), and their answers get the client's ids back on the way out.
// It stands in for the SDK's WebStandardStreamableHTTPServerTransport with a Server per request, which wraps the
// same exchange in a Fetch Request, a Response and web streams and builds a Server each time: together about four
// times the CPU of the prompt lookup and render. The HTTP rules that transport applies are in
// streamable-http-exchange.ts.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js'

/** One HTTP request's exchange: the answers to its JSON-RPC requests, by the client's ids. */
export class McpCall<Context> {
  private readonly answers = new Map<RequestId, JSONRPCMessage>()
  private readonly expected: ReadonlySet<RequestId>
  private settle!: () => void
  /** The transport's ids of this call's requests. */
  readonly ownIds: number[] = []
  /** Settles when every request of the HTTP request has its answer, or when the call gives up waiting. */
  readonly answered = new Promise<void>((resolve) => { this.settle = resolve })
  settled = false

  constructor (readonly context: Context, private readonly requestIds: readonly RequestId[]) {
    this.expected = new Set(requestIds)
    if (requestIds.length === 0) this.giveUp()
  }

  /** Stops waiting: the answers so far are the call's answers. */
  giveUp (): void {
    this.settled = true
    this.settle()
  }

  answer (id: RequestId, message: JSONRPCMessage): void {
    if (!this.expected.has(id)) return
    this.answers.set(id, message)
    if (this.answers.size === this.requestIds.length) this.giveUp()
  }

  /** The answers in the order of the requests; a request still unanswered has none. */
  ordered (): JSONRPCMessage[] {
    return this.requestIds.flatMap((id) => this.answers.has(id) ? [this.answers.get(id)!] : [])
  }
}

interface InFlight<Context> {
  call: McpCall<Context>
  clientId: RequestId
}

export class MultiplexedTransport<Context> implements Transport {
  onclose?: () => void
  onerror?: (error: Error) => void
  onmessage?: Transport['onmessage']
  readonly sessionId = undefined
  private lastId = 0
  private readonly inFlight = new Map<number, InFlight<Context>>()

  async start (): Promise<void> {}

  async close (): Promise<void> {
    this.onclose?.()
  }

  /** Answers go back to their call with the client's id; a notification the server sends has no stream in JSON mode. */
  async send (message: JSONRPCMessage): Promise<void> {
    if (!('id' in message) || 'method' in message || typeof message.id !== 'number') return
    const entry = this.inFlight.get(message.id)
    if (!entry) return
    this.inFlight.delete(message.id)
    entry.call.answer(entry.clientId, { ...message, id: entry.clientId })
  }

  /** The call a request of the server belongs to, by the transport's id (the handler's extra.requestId). */
  callOf (id: RequestId): McpCall<Context> | undefined {
    return typeof id === 'number' ? this.inFlight.get(id)?.call : undefined
  }

  /**
   * Hands one HTTP request's messages to the server. Requests get the transport's ids; a cancellation reaches only
   * a request of its own call; responses (the server sends no requests) are dropped.
   */
  deliver (call: McpCall<Context>, messages: readonly JSONRPCMessage[]): void {
    const ownIds = new Map<RequestId, number>()
    for (const message of messages) {
      if (!('method' in message)) continue
      if ('id' in message) {
        const id = ++this.lastId
        ownIds.set(message.id, id)
        call.ownIds.push(id)
        this.inFlight.set(id, { call, clientId: message.id })
        this.onmessage?.({ ...message, id })
      } else if (message.method === 'notifications/cancelled') {
        const target = ownIds.get((message.params as { requestId?: RequestId } | undefined)?.requestId ?? '')
        if (target !== undefined) this.onmessage?.({ ...message, params: { ...message.params, requestId: target } })
      } else {
        this.onmessage?.(message)
      }
    }
  }

  /** Forgets a call's requests that went unanswered (its HTTP request gave up waiting). */
  release (call: McpCall<Context>): void {
    for (const id of call.ownIds) this.inFlight.delete(id)
  }
}
