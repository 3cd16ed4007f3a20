import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { chatAsText, compileChat, renderChat } from '../../src/domain/chat-messages.js'
import { BadRequestError } from '../../src/domain/errors.js'
import { RenderTooLongError } from '../../src/domain/template.js'

describe('chat messages', () => {
  const chat = compileChat([{ role: 'system', content: 'Be {{tone}}' }, { placeholder: 'history' }, { role: 'user', content: '{{q}} {{tone}}' }])

  it('collects variables and placeholders in order', () => {
    assert.deepEqual(chat.variables, ['tone', 'q'])
    assert.deepEqual(chat.placeholders, ['history'])
  })

  it('renders in one pass and inserts placeholder messages as they are', () => {
    const out = renderChat(chat, new Map([['tone', '{{q}}'], ['q', 'why']]), new Map([['history', [{ role: 'assistant' as const, content: '{{tone}}' }]]]))
    assert.deepEqual(out.messages, [{ role: 'system', content: 'Be {{q}}' }, { role: 'assistant', content: '{{tone}}' }, { role: 'user', content: 'why {{q}}' }])
    assert.deepEqual(out.missing, [])
  })

  it('lists what is missing, variables first, and bounds the result before building it', () => {
    assert.deepEqual(renderChat(chat, new Map(), new Map()).missing, ['tone', 'q', 'history'])
    assert.throws(() => renderChat(chat, new Map([['q', 'x'.repeat(50)]]), new Map(), 40), RenderTooLongError)
  })

  it('refuses a bad role, a bad placeholder name and too many entries, with pointers', () => {
    const pointerOf = (fn: () => unknown): string => {
      try { fn() } catch (error) { return ((error as BadRequestError).extensions.errors as Array<{ pointer: string }>)[0]!.pointer }
      return 'no error'
    }
    assert.equal(pointerOf(() => compileChat([{ role: 'tool' as 'user', content: 'x' }])), '#/messages/0/role')
    assert.equal(pointerOf(() => compileChat([{ role: 'user', content: 'x' }, { placeholder: 'Bad Name' }])), '#/messages/1/placeholder')
    assert.equal(pointerOf(() => compileChat(Array.from({ length: 101 }, () => ({ role: 'user' as const, content: 'x' })))), '#/messages')
  })

  it('reads as lines for a diff', () => {
    assert.equal(chatAsText([{ role: 'user', content: 'hi' }, { placeholder: 'h' }]), 'user: hi\n{h}')
  })
})
