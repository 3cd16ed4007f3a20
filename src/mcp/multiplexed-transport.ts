// The SDK's Transport for one HTTP request of a stateless Streamable HTTP endpoint with JSON responses: the server
// receives the request's messages and the transport collects one answer per JSON-RPC request, then it is done.
// It stands in for the SDK's WebStandardStreamableHTTPServerTransport, which in this mode wraps the same exchange
// in a Fetch Request, a Response and web streams, and cost promptshelf more than the prompt lookup and render
// together (measured: about 620 µs a request against 160 µs); the HTTP rules that transport applies are in
// streamable-http-exchange.ts.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js'

export class RequestTransport implements Transport {
  onclose?: () => void
  onerror?: (error: Error) => void
  onmessage?: Transport['onmessage']
  readonly sessionId = undefined
  private readonly answers = new Map<RequestId, JSONRPCMessage>()
  private readonly expected: ReadonlySet<RequestId>
  private settle!: () => void
  /** Settles when every request of the HTTP request has its answer. */
  readonly answered = new Promise<void>((resolve) => { this.settle = resolve })

  constructor (private readonly requestIds: readonly RequestId[]) {
    this.expected = new Set(requestIds)
    if (requestIds.length === 0) this.settle()
  }

  async start (): Promise<void> {}

  /** Answers are kept by id; a notification the server sends has no stream to go to in JSON mode and is dropped. */
  async send (message: JSONRPCMessage): Promise<void> {
    if (!('id' in message) || 'method' in message || message.id === undefined || !this.expected.has(message.id)) return
    this.answers.set(message.id, message)
    if (this.answers.size === this.requestIds.length) this.settle()
  }

  async close (): Promise<void> {
    this.onclose?.()
  }

  deliver (messages: readonly JSONRPCMessage[]): void {
    for (const message of messages) this.onmessage?.(message)
  }

  /** The answers in the order of the requests; a request still unanswered has none. */
  ordered (): JSONRPCMessage[] {
    return this.requestIds.flatMap((id) => this.answers.has(id) ? [this.answers.get(id)!] : [])
  }
}
