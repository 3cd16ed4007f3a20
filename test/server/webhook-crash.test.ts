// Kills the real server with SIGKILL while webhook events are pending, restarts it on the same database, and
// sees every acknowledged change delivered: events live in the outbox from the change's own transaction on.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { startChildServer, type ChildServer } from '../helpers/child-server.js'
import { TEST_ADMIN_KEY } from '../helpers/test-app.js'
import { answer, startReceiver } from '../helpers/webhook-receiver.js'

const AUTH = { authorization: `Bearer ${TEST_ADMIN_KEY}` }

describe('webhook events across SIGKILL', { timeout: 180_000 }, () => {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-webhook-crash-'))
  const env = {
    DATABASE_PATH: join(directory, 'promptshelf.db'),
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    LOG_LEVEL: 'info',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_RETRY_BASE_MS: '50',
    WEBHOOK_TIMEOUT_MS: '1000',
    RATE_LIMIT_KEY_MAX: '100000'
  }
  let server: ChildServer | undefined
  after(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL')
      await server.exited
    }
    rmSync(directory, { recursive: true, force: true })
  })

  const call = async (base: string, method: string, path: string, body?: unknown): Promise<{ status: number, body: any }> => {
    const res = await fetch(base + path, { method, headers: body === undefined ? AUTH : { ...AUTH, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(5000) })
    const text = await res.text()
    return { status: res.status, body: text === '' ? null : JSON.parse(text) }
  }

  it('delivers every acknowledged change after a restart', async () => {
    const receiver = await startReceiver()
    try {
      receiver.respond(answer(503))
      server = await startChildServer(env, 60_000)
      const subscription = await call(server.baseUrl, 'POST', '/v1/webhooks', { url: receiver.url, events: ['*'] })
      assert.equal(subscription.status, 201)
      receiver.setSecret(subscription.body.secret)

      const expected: string[] = []
      for (let i = 0; i < 8; i++) {
        const created = await call(server.baseUrl, 'POST', '/v1/prompts', { category: 'sagas', template: `Crash ${i} {{x}}` })
        assert.equal(created.status, 201)
        expected.push(`prompt.created ${created.body.id as string}`)
        if (i % 2 === 0) {
          assert.equal((await call(server.baseUrl, 'DELETE', `/v1/prompts/${created.body.id as string}`)).status, 204)
          expected.push(`prompt.deleted ${created.body.id as string}`)
        }
      }
      // Deliveries are failing and being retried when the process dies.
      await receiver.waitFor(() => receiver.requests.length >= 3)
      server.child.kill('SIGKILL')
      await server.exited
      assert.equal(receiver.accepted.length, 0)

      receiver.respond(answer(200))
      server = await startChildServer(env, 60_000)
      await receiver.waitFor(() => receiver.accepted.length >= expected.length, 30_000)
      await new Promise((resolve) => setTimeout(resolve, 300))
      const seen = receiver.accepted.map((event) => `${event.type} ${String(event.data.id)}`)
      assert.deepEqual([...new Set(seen)].sort(), [...expected].sort())
      assert.ok(receiver.accepted.every((event) => event.verified), 'signatures verify after the restart (the secret key file survived)')
      // In order per prompt: a prompt's created event arrives before its deleted event.
      for (const line of expected.filter((entry) => entry.startsWith('prompt.deleted'))) {
        const id = line.split(' ')[1]
        assert.ok(seen.indexOf(`prompt.created ${id}`) < seen.indexOf(line), `${id} in order`)
      }
    } finally {
      await receiver.close()
    }
  })
})
