// The pure parts of the MCP adapter: render results to MCP messages, string arguments to typed values, service
// errors to JSON-RPC errors, completion values and menu text.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BadRequestError, DomainError, NotFoundError, UnprocessableError } from '../../src/domain/errors.js'
import { asInvalidParams, JsonRpcError } from '../../src/mcp/mcp-errors.js'
import type { CatalogVariable } from '../../src/mcp/mcp-prompt-catalog.js'
import { completionValues } from '../../src/mcp/prompt-completion.js'
import { clip, menuTitle } from '../../src/mcp/prompt-menu-text.js'
import { renderArguments } from '../../src/mcp/mcp-server.js'
import { toPromptMessages, typedArguments } from '../../src/mcp/prompt-messages.js'

describe('render results as MCP prompt messages', () => {
  it('makes a text render one user message', () => {
    assert.deepEqual(toPromptMessages({ text: 'Hello.' }), [{ role: 'user', content: { type: 'text', text: 'Hello.' } }])
  })

  it('keeps user and assistant messages in order and sends a system message as a user message marked with its role', () => {
    const messages = toPromptMessages({
      messages: [
        { role: 'system', content: 'You review sagas.' },
        { role: 'user', content: 'Review this.' },
        { role: 'assistant', content: 'Which saga?' }
      ]
    })
    assert.deepEqual(messages, [
      { role: 'user', content: { type: 'text', text: 'You review sagas.', _meta: { 'promptshelf/role': 'system' } } },
      { role: 'user', content: { type: 'text', text: 'Review this.' } },
      { role: 'assistant', content: { type: 'text', text: 'Which saga?' } }
    ])
  })
})

describe('string arguments as typed values', () => {
  const variables: CatalogVariable[] = [
    { name: 'n', description: '', examples: [], required: true, type: 'number' },
    { name: 'k', description: '', examples: [], required: true, type: 'integer' },
    { name: 'b', description: '', examples: [], required: true, type: 'boolean' },
    { name: 's', description: '', examples: [], required: true }
  ]
  it('converts numbers and booleans for variables of those types and leaves everything else a string', () => {
    assert.deepEqual(typedArguments({ n: '0.2', k: '3', b: 'true', s: '7', other: 'false' }, variables), { n: 0.2, k: 3, b: true, s: '7', other: 'false' })
  })
  it('leaves a value that does not convert a string, for the render service to refuse', () => {
    assert.deepEqual(typedArguments({ n: 'lots', b: 'yes' }, variables), { n: 'lots', b: 'yes' })
  })
})

describe('service errors as JSON-RPC errors', () => {
  const mapped = (error: Error): JsonRpcError => {
    try {
      asInvalidParams('prompt "p-1"', () => { throw error })
    } catch (thrown) {
      assert.ok(thrown instanceof JsonRpcError)
      return thrown
    }
    assert.fail('nothing thrown')
  }

  it('turns any 4xx DomainError into -32602 with its members in data', () => {
    assert.equal(mapped(new NotFoundError('no prompt with the id "p-1"')).message, 'no prompt with the id "p-1"')
    assert.equal(mapped(new BadRequestError('variables/x: too long')).code, -32602)
    const missing = mapped(new UnprocessableError('no value for the required variable a', { missing: ['a'] }))
    assert.equal(missing.message, 'prompt "p-1" needs the argument a')
    assert.deepEqual((missing.data as { missing: string[] }).missing, ['a'])
  })

  it('names each invalid value of a type check, whatever class raised it', () => {
    const typed = mapped(new UnprocessableError('a value does not fit', { invalid: [{ name: 'temperature', detail: 'must be a number' }] }))
    assert.equal(typed.code, -32602)
    assert.equal(typed.message, 'argument temperature: must be a number')
    class LaterError extends DomainError {}
    assert.equal(mapped(new LaterError(409, 'Conflict', 'partial "x" was deleted')).message, 'partial "x" was deleted')
  })

  it('lets server faults through unchanged', () => {
    assert.throws(() => asInvalidParams('p', () => { throw new Error('disk full') }), /disk full/)
    assert.throws(() => asInvalidParams('p', () => { throw new DomainError(503, 'Service Unavailable', 'busy') }), (error) => !(error instanceof JsonRpcError))
  })
})

describe('completion values', () => {
  it('offers enum values then examples that start with the typed prefix, case-insensitively, once each', () => {
    const variable = { name: 'tone', description: '', examples: ['Formal', 'friendly', 'terse'], required: true, enum: ['formal', 'fun'] }
    assert.deepEqual(completionValues(variable, 'F'), ['formal', 'fun', 'Formal', 'friendly'])
    assert.deepEqual(completionValues(variable, ''), ['formal', 'fun', 'Formal', 'friendly', 'terse'])
    assert.deepEqual(completionValues(variable, 'x'), [])
  })
})

describe('menu text', () => {
  it('cuts a title at a word, never inside a placeholder, never on a small word', () => {
    const variables = [{ name: 'specific_distributed_transaction', description: 'specific distributed transaction' }]
    assert.equal(menuTitle('Sagas', 'Design a Saga pattern for a {{specific_distributed_transaction}} using Restate.', variables), 'Sagas: Design a Saga pattern…')
    assert.equal(menuTitle('Sagas', 'Explain sagas.', []), 'Sagas: Explain sagas.')
    assert.equal(clip('one two three four five six', 12), 'one two…')
  })
})

describe('prompts/get arguments of typed variables', () => {
  // A render service that, like the typed render, refuses a string for a number variable.
  const renders: Array<Record<string, unknown>> = []
  const renderer = {
    render (request: { id: string, variables: Record<string, unknown>, version?: number }) {
      renders.push(request.variables)
      if (typeof request.variables.temperature === 'string') {
        throw new UnprocessableError('a value does not fit', { invalid: [{ name: 'temperature', detail: 'must be a number' }] })
      }
      return { id: request.id, version: request.version ?? 1, text: `t=${String(request.variables.temperature)}`, missing: [], unused: [] }
    }
  }
  const catalog = {
    view: () => ({ id: 'p-1', version: 3, variables: [{ name: 'temperature', description: '', examples: [], required: true, type: 'number' }] })
  }
  const context = { renderer, catalog, label: undefined } as unknown as Parameters<typeof renderArguments>[0]

  it('renders strings as sent, and converts them to the declared types only when the render refuses a value', () => {
    assert.deepEqual(renderArguments(context, 'p-1', { temperature: '0.2' }), { id: 'p-1', version: 3, text: 't=0.2', missing: [], unused: [] })
    assert.deepEqual(renders, [{ temperature: '0.2' }, { temperature: 0.2 }])
  })

  it('lets the refusal through when the string does not convert', () => {
    assert.throws(() => renderArguments(context, 'p-1', { temperature: 'warm' }), (error) => error instanceof UnprocessableError)
  })
})
