// The MCP server: one SDK Server for the whole app, connected once to a transport that every HTTP request passes its
// messages through (multiplexed-transport.ts); each handler reads the context of its own HTTP request (label, log,
// request id). Nothing a handler does depends on an earlier request, so one server serves them all as a server per
// request would, without building one each time. An HTTP request that holds one request for a method of the table
// below is answered from the table at once (answerAtOnce); initialize, batches and notifications go through the
// Server. Every method promptshelf offers goes through one table: the request is checked against the SDK's own schema
// for its method, so a params object of the wrong shape is -32602 Invalid params (the SDK's setRequestHandler would
// let the schema error through as -32603), and a method not in the table is -32601.
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  type JSONRPCErrorResponse, type JSONRPCMessage, type JSONRPCResultResponse, type RequestId,
  CallToolRequestSchema, CompleteRequestSchema, ErrorCode, GetPromptRequestSchema, ListPromptsRequestSchema,
  ListToolsRequestSchema, PingRequestSchema, type JSONRPCRequest, type Result
} from '@modelcontextprotocol/sdk/types.js'
import { JsonRpcError, asInvalidParams, invalidParams, isClientError } from './mcp-errors.js'
import { completeArgument } from './prompt-completion.js'
import { toPromptMessages, typedArguments, type RenderedPrompt } from './prompt-messages.js'
import { callTool, TOOLS, type ToolContext } from './mcp-tools.js'
import { McpCall, MultiplexedTransport } from './multiplexed-transport.js'
import { isPlainGetPromptRequest } from './plain-shapes.js'

export const SERVER_INFO = { name: 'promptshelf', title: 'promptshelf prompt library', version: '0.1.0' }

const INSTRUCTIONS = 'promptshelf serves a library of prompt templates. Each prompt is offered as an MCP prompt (its id is the name, ' +
  'its variables are the arguments), and the tools search_prompts, get_prompt, render_prompt and list_categories read the same library.'

interface SchemaLike<T> {
  safeParse: (value: unknown) => { success: true, data: T } | { success: false, error: { issues: Array<{ path: PropertyKey[], message: string }> } }
}

type Method = (request: JSONRPCRequest, context: ToolContext) => Result

/** A method whose request is first checked against the SDK's schema: a request of the wrong shape is -32602. */
function method<T> (schema: SchemaLike<T>, handle: (request: T, context: ToolContext) => Result, isPlain?: (request: JSONRPCRequest) => boolean): Method {
  return (request, context) => {
    if (isPlain?.(request)) return handle(request as T, context)
    const parsed = schema.safeParse(request)
    if (!parsed.success) throw invalidParams(`invalid params for ${request.method}: ${issues(parsed.error)}`)
    return handle(parsed.data, context)
  }
}

function issues (error: { issues: Array<{ path: PropertyKey[], message: string }> }): string {
  return error.issues.slice(0, 10).map((issue) => `${issue.path.map(String).join('.') || 'request'}: ${issue.message}`).join('; ')
}

const METHODS: Record<string, Method> = {
  ping: method(PingRequestSchema, () => ({})),
  'prompts/list': method(ListPromptsRequestSchema, (request, context) =>
    asInvalidParams('cursor', () => context.catalog.page(request.params?.cursor))),
  'prompts/get': method(GetPromptRequestSchema, (request, context) => {
    const { name, arguments: args = {} } = request.params
    return asInvalidParams(`prompt "${name}"`, () => ({ messages: toPromptMessages(renderArguments(context, name, args)) }))
  }, isPlainGetPromptRequest),
  'completion/complete': method(CompleteRequestSchema, (request, context) => completeArgument(context.catalog, request.params)),
  'tools/list': method(ListToolsRequestSchema, (request) => {
    if (request.params?.cursor !== undefined) throw invalidParams('the tool list has one page: tools/list takes no cursor')
    return { tools: TOOLS }
  }),
  'tools/call': method(CallToolRequestSchema, (request, context) => callTool(context, request.params.name, request.params.arguments))
}

/**
 * Renders with the arguments as sent (MCP arguments are strings). Only when the render service finds a value that
 * does not fit its variable's type are the strings converted to the types the prompt declares and rendered again:
 * the common case costs one render and no read of the prompt.
 */
export function renderArguments (context: Pick<ToolContext, 'renderer' | 'catalog' | 'label'>, name: string, args: Record<string, string>): RenderedPrompt {
  try {
    return context.renderer.render({ id: name, variables: args, label: context.label }, '#/params/arguments')
  } catch (error) {
    if (!isClientError(error) || !Array.isArray(error.extensions.invalid)) throw error
    const view = context.catalog.view(name)
    return context.renderer.render({ id: name, version: view.version, variables: typedArguments(args, view.variables) }, '#/params/arguments')
  }
}

function dispatch (request: JSONRPCRequest, context: ToolContext): Result {
  const run = Object.hasOwn(METHODS, request.method) ? METHODS[request.method] : undefined
  if (!run) throw new JsonRpcError(ErrorCode.MethodNotFound, `method "${request.method}" is not offered; promptshelf answers initialize, ${Object.keys(METHODS).join(', ')}`)
  try {
    return run(request, context)
  } catch (error) {
    if (error instanceof JsonRpcError) throw error
    // Server faults may hold internals (SQL, paths): they go to the log, not to the client.
    context.log.error({ err: error, method: request.method }, 'MCP request failed')
    throw new JsonRpcError(ErrorCode.InternalError, `an unexpected error occurred; it has been logged with the request id ${context.requestId}`)
  }
}

/** A thrown error as the SDK's Protocol sends it: its code when it has one (dispatch throws only JsonRpcError). */
function errorResponse (id: RequestId, error: unknown): JSONRPCErrorResponse {
  const { code, message, data } = error as { code?: unknown, message?: string, data?: unknown }
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: Number.isSafeInteger(code) ? code as number : ErrorCode.InternalError,
      message: message ?? 'Internal error',
      ...(data === undefined ? {} : { data })
    }
  }
}

/** Every handler answers at once; the bound only keeps a request that went unanswered from holding its connection. */
const ANSWER_TIMEOUT_MS = 10_000
const SWEEP_INTERVAL_MS = 1000

export class McpServer {
  private readonly transport = new MultiplexedTransport<ToolContext>()
  private readonly connected: Promise<void>

  constructor () {
    const server = new Server(SERVER_INFO, {
      capabilities: { prompts: { listChanged: false }, tools: { listChanged: false }, completions: {} },
      instructions: INSTRUCTIONS
    })
    // ping goes through the table too, so that a malformed ping is -32602 like every other method.
    server.removeRequestHandler('ping')
    server.fallbackRequestHandler = async (request, extra) => {
      const call = this.transport.callOf(extra.requestId)
      if (!call) throw new JsonRpcError(ErrorCode.InternalError, 'the request is no longer awaited')
      return dispatch(request, call.context)
    }
    this.connected = server.connect(this.transport)
  }

  /**
   * The answer to a request for a method of the table, given at once: what the Server sends for it (its fallback
   * handler runs the same dispatch), without the promise chain, AbortController and type checks its Protocol goes
   * through per request, which were a third of the CPU time of a prompts/get over HTTP. Nothing can cancel a
   * handler that answers synchronously, so none of that changes an answer. Undefined for anything else (initialize
   * and any method the SDK's Server handles itself), which goes through the Server.
   */
  answerAtOnce (context: ToolContext, request: JSONRPCRequest): JSONRPCResultResponse | JSONRPCErrorResponse | undefined {
    if (!Object.hasOwn(METHODS, request.method)) return undefined
    try {
      return { jsonrpc: '2.0', id: request.id, result: dispatch(request, context) }
    } catch (error) {
      return errorResponse(request.id, error)
    }
  }

  /**
   * Runs one HTTP request's messages and answers its requests in their order. A request still unanswered after
   * ANSWER_TIMEOUT_MS has no answer (onLate is told), and the others are returned.
   */
  async exchange (context: ToolContext, messages: readonly JSONRPCMessage[], requestIds: readonly RequestId[], onLate: () => void): Promise<JSONRPCMessage[]> {
    await this.connected
    const call = new McpCall(context, requestIds)
    try {
      this.transport.deliver(call, messages)
      if (!call.settled) this.watch(call, onLate)
      await call.answered
      return call.ordered()
    } finally {
      this.watched.delete(call)
      this.transport.release(call)
    }
  }

  // One timer for every call in flight, not one per HTTP request: a timer set and cleared per request is a
  // measurable cost, and every handler answers at once.
  private readonly watched = new Map<McpCall<ToolContext>, { deadline: number, onLate: () => void }>()
  private sweeper: NodeJS.Timeout | undefined

  private watch (call: McpCall<ToolContext>, onLate: () => void): void {
    this.watched.set(call, { deadline: Date.now() + ANSWER_TIMEOUT_MS, onLate })
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref()
  }

  private sweep (): void {
    const now = Date.now()
    for (const [call, { deadline, onLate }] of this.watched) {
      if (now < deadline) continue
      onLate()
      call.giveUp()
    }
    if (this.watched.size === 0) {
      clearInterval(this.sweeper)
      this.sweeper = undefined
    }
  }
}
