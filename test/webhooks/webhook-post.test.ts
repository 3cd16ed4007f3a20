import assert from 'node:assert/strict'
import type { LookupAddress, lookup } from 'node:dns'
import { after, before, describe, it } from 'node:test'
import { Webhook } from 'standardwebhooks'
import { newWebhookSecret, signedHeaders } from '../../src/domain/webhook-signature.js'
import { postWebhook } from '../../src/webhooks/webhook-post.js'
import { answer, startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js'

describe('postWebhook', () => {
  let receiver: WebhookReceiver
  before(async () => { receiver = await startReceiver() })
  after(async () => { await receiver.close() })

  it('refuses a name that resolves to a loopback address, after resolving it, without connecting', async () => {
    receiver.respond(answer(200))
    const port = new URL(receiver.url).port
    const before = receiver.requests.length
    // A public-looking name whose DNS answer is loopback (a rebinding attack): refused after resolution.
    const resolve = ((hostname: string, _options: unknown, callback: (error: null, addresses: LookupAddress[]) => void) => {
      assert.equal(hostname, 'hooks.example.test')
      callback(null, [{ address: '127.0.0.1', family: 4 }])
    }) as unknown as typeof lookup
    const result = await postWebhook(`http://hooks.example.test:${port}/hook`, {}, '{}', { timeoutMs: 2000, allowPrivateNetworks: false, resolve })
    assert.equal(result.status, null)
    assert.match(String(result.error), /hooks\.example\.test resolves to a private, loopback or link-local address \(127\.0\.0\.1\)/)
    assert.equal(receiver.requests.length, before)
    // Allowed, the connection goes to the address that was resolved (the name itself resolves nowhere).
    const allowed = await postWebhook(`http://hooks.example.test:${port}/hook`, {}, '{}', { timeoutMs: 2000, allowPrivateNetworks: true, resolve })
    assert.equal(allowed.status, 200)
  })

  it('signs as the Standard Webhooks library verifies', () => {
    const secret = newWebhookSecret()
    const body = JSON.stringify({ type: 'ping', timestamp: new Date().toISOString(), data: { id: 'x', by: 'y' } })
    const headers = signedHeaders(secret, 'msg_1', Math.floor(Date.now() / 1000), body)
    assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body))
    assert.throws(() => new Webhook(newWebhookSecret()).verify(body, headers))
    assert.throws(() => new Webhook(secret).verify(body + ' ', headers))
  })
})
