// POST /mcp: the MCP Streamable HTTP transport, stateless, JSON responses (no session id, no SSE), with the SDK's
// Server behind it (a lone request for an offered method is answered at once, as the Server would: mcp-server.ts).
// It runs inside the ordinary request lifecycle, so keys, scopes, rate limits, body limits, problem documents and the
// request log are those of REST, and each HTTP request counts once whatever it carries. GET and DELETE are 405: a
// stateless server offers no event stream and no session to end.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ErrorCode, type JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { Type } from 'typebox'
import { DomainError } from '../domain/errors.js'
import { SLUG_PATTERN } from '../domain/slug.js'
import { holdsScope, UnauthorizedError } from '../plugins/auth.js'
import { problemResponses } from '../schemas/problem.js'
import { precheck, type JsonRpcErrorBody } from './json-rpc-precheck.js'
import { McpPromptCatalog } from './mcp-prompt-catalog.js'
import { McpServer } from './mcp-server.js'
import { originRefusal } from './origin-check.js'
import { isRefusal, readExchange } from './streamable-http-exchange.js'

export interface McpRoutesOptions {
  /** Origins whose browser pages may call /mcp; any other Origin header is a 403. */
  allowedOrigins: readonly string[]
}

const McpQuery = Type.Object({
  label: Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 50, description: 'Serve the versions this label points at; prompts without it are left out.', examples: ['production'] }))
}, { additionalProperties: false })

const JsonRpcBody = Type.Union([Type.Object({}, { additionalProperties: true }), Type.Array(Type.Unknown())], {
  description: 'One JSON-RPC 2.0 message. A batch (an array) only under protocol version 2025-03-26, at most 100 messages.'
})

const jsonRpc = (description: string): unknown => ({ description, content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } } })
const problem = problemResponses(400, 401, 403, 405, 413, 415)

export default async function mcpRoutes (app: FastifyInstance, { allowedOrigins }: McpRoutesOptions): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  const allowed = new Set(allowedOrigins)
  const mcp = new McpServer()

  // Callback hooks, not async ones: a promise per hook is a measurable cost on every MCP request.
  const checkOrigin = (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const refusal = originRefusal(request.headers.origin, allowed)
    done(refusal ? new DomainError(403, 'Forbidden', refusal) : undefined)
  }
  // Like the REST reads, open to anonymous callers (who hold prompts:read) and to keys with the scope; a key that
  // was sent but is unknown is a 401 before the body is read. (app.requireScope would document a required key.)
  const readerOnly = (request: FastifyRequest, reply: FastifyReply, _payload: unknown, done: (error?: Error) => void): void => {
    if (request.authFailure) {
      // MCP clients read the challenge to learn how to authenticate.
      reply.header('www-authenticate', 'Bearer realm="promptshelf", error="invalid_token"')
      done(new UnauthorizedError(request.authFailure))
    } else if (!holdsScope(request.principal, 'prompts:read')) {
      done(new DomainError(403, 'Forbidden', `the API key "${request.principal.name}" lacks the scope prompts:read`))
    } else {
      done()
    }
  }

  routes.post('/mcp', {
    schema: {
      tags: ['mcp'],
      operationId: 'sendMcpMessage',
      summary: 'MCP (Model Context Protocol) endpoint',
      description: 'The Streamable HTTP transport of MCP, stateless (no Mcp-Session-Id) with JSON responses. Send Accept: application/json, text/event-stream. ' +
        'Capabilities: prompts (every prompt, its variables as arguments), tools (search_prompts, get_prompt, render_prompt, list_categories) and completions. ' +
        'A request with an Origin header not listed in MCP_ALLOWED_ORIGINS is a 403.',
      querystring: McpQuery,
      body: JsonRpcBody,
      response: {
        200: jsonRpc('The JSON-RPC response (an array of them for a batch); errors such as -32602 Invalid params are JSON-RPC errors here.'),
        202: { description: 'Accepted: the body held only notifications or responses.', type: 'null' },
        406: jsonRpc('Accept does not list both application/json and text/event-stream (a JSON-RPC error without id).'),
        ...problem,
        400: {
          description: 'A body that is not JSON (problem document), or not a JSON-RPC message, a refused batch or an unsupported MCP-Protocol-Version (a JSON-RPC error without id, application/json).',
          content: { 'application/problem+json': { schema: Type.Ref('Problem') }, 'application/json': { schema: { type: 'object', additionalProperties: true } } }
        }
      }
    },
    onRequest: checkOrigin,
    preParsing: readerOnly
  }, async (request, reply) => {
    const protocolVersion = header(request, 'mcp-protocol-version')
    const refusal = precheck(request.body, protocolVersion)
    if (refusal) return sendJsonRpc(reply, refusal.status, refusal.body)
    const exchange = readExchange(request.body, header(request, 'accept'), protocolVersion)
    if (isRefusal(exchange)) return sendJsonRpc(reply, exchange.status, exchange.body)
    const { label } = request.query
    const context = {
      library: app.library,
      reader: app.reader,
      renderer: app.renderer,
      search: app.promptSearch,
      renderCounter: app.renderCounter,
      catalog: new McpPromptCatalog(app.library, label),
      label,
      log: request.log,
      requestId: request.id
    }
    const lone = exchange.batch || exchange.requestIds.length !== 1 ? undefined : mcp.answerAtOnce(context, exchange.messages[0] as JSONRPCRequest)
    if (lone !== undefined) return reply.type('application/json').send(JSON.stringify(lone))
    if (exchange.requestIds.length === 0) {
      void mcp.exchange(context, exchange.messages, [], () => {})
      return (reply as FastifyReply).code(202).send()
    }
    const answers = await mcp.exchange(context, exchange.messages, exchange.requestIds,
      () => request.log.warn('MCP requests left unanswered; answering the rest'))
    const single = answers[0] ?? { jsonrpc: '2.0', id: exchange.requestIds[0] ?? null, error: { code: ErrorCode.InternalError, message: 'the request went unanswered' } }
    return reply.type('application/json').send(JSON.stringify(exchange.batch ? answers : single))
  })

  const notAllowed = async (_request: FastifyRequest, reply: FastifyReply): Promise<never> => {
    reply.header('allow', 'POST')
    throw new DomainError(405, 'Method Not Allowed', 'this MCP endpoint is stateless: it offers no event stream (GET) and no session to end (DELETE); send JSON-RPC messages with POST')
  }
  for (const method of ['GET', 'DELETE'] as const) {
    routes.route({
      method,
      url: '/mcp',
      schema: {
        tags: ['mcp'],
        operationId: method === 'GET' ? 'getMcp' : 'deleteMcp',
        summary: `${method} /mcp: not offered by a stateless MCP server`,
        querystring: McpQuery,
        response: { ...problemResponses(403, 405) }
      },
      onRequest: checkOrigin,
      handler: notAllowed
    })
  }
}

function header (request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

function sendJsonRpc (reply: FastifyReply, status: number, body: JsonRpcErrorBody): FastifyReply {
  return reply.code(status as 200).type('application/json').send(JSON.stringify(body))
}
