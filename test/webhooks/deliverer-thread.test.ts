// The deliverer runs in a worker thread of its own: a delivery reaches its receiver while the thread that answers
// requests is blocked, and a worker that dies is started again and delivers what comes next.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { after, before, describe, it } from 'node:test'
import { Worker } from 'node:worker_threads'
import { Webhook } from 'standardwebhooks'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'
import { answer, startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js'

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_KEY}` }
const FAST = { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '20' }

interface Delivery { headers: Record<string, string>, body: string }

/**
 * A receiver in a thread of its own, so that it answers while the test's thread is blocked. It counts each
 * delivery in shared memory (which a blocked thread can wait on) and posts the delivery itself.
 */
async function startThreadReceiver (): Promise<{ url: string, received: Int32Array, deliveries: Delivery[], close: () => Promise<number> }> {
  const received = new Int32Array(new SharedArrayBuffer(4))
  const worker = new Worker(`
    const { createServer } = require('node:http')
    const { parentPort, workerData } = require('node:worker_threads')
    const server = createServer((request, response) => {
      const chunks = []
      request.on('data', (chunk) => chunks.push(chunk))
      request.on('end', () => {
        response.writeHead(204).end()
        parentPort.postMessage({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
        Atomics.add(workerData.received, 0, 1)
        Atomics.notify(workerData.received, 0)
      })
    })
    server.listen(0, '127.0.0.1', () => parentPort.postMessage({ url: 'http://127.0.0.1:' + server.address().port + '/hook' }))
  `, { eval: true, workerData: { received } })
  const deliveries: Delivery[] = []
  const [{ url }] = await once(worker, 'message') as [{ url: string }]
  worker.on('message', (delivery: Delivery) => deliveries.push(delivery))
  return { url, received, deliveries, close: async () => await worker.terminate() }
}

describe('the deliverer thread', () => {
  let t: TestApp
  let receiver: Awaited<ReturnType<typeof startThreadReceiver>>
  before(async () => {
    t = await buildTestApp(FAST)
    receiver = await startThreadReceiver()
  })
  after(async () => {
    await t.close()
    await receiver.close()
  })

  it('delivers a signed event while the thread that answered the write is blocked', async () => {
    const { body: subscription } = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: receiver.url, events: ['prompt.created'] }).expect(201)
    const created = await t.http.post('/v1/prompts').set(ADMIN).send({ category: 'sagas', template: 'Off the main thread {{x}}' }).expect(201)
    // From the acknowledgement on, this thread runs nothing (no timer, no socket, no event loop) until the
    // receiver has counted the delivery, or 10 s have passed. A deliverer on this thread could not have sent it.
    const blockedAt = performance.now()
    const waited = Atomics.wait(receiver.received, 0, 0, 10_000)
    const blockedMs = performance.now() - blockedAt
    assert.equal(waited, 'ok', `the receiver got nothing within ${Math.round(blockedMs)} ms of blocking`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(receiver.deliveries.length, 1)
    const [delivery] = receiver.deliveries
    const event = new Webhook(subscription.secret).verify(delivery!.body, delivery!.headers) as { type: string, data: { id: string } }
    assert.equal(event.type, 'prompt.created')
    assert.equal(event.data.id, created.body.id)
  })
})

describe('a deliverer thread that dies', () => {
  let t: TestApp
  let receiver: WebhookReceiver
  const workers: Worker[] = []
  const onWorker = (worker: Worker): void => { workers.push(worker) }
  before(async () => {
    // Node tells the process about every worker thread it starts: the test sees the deliverer's from outside.
    process.on('worker', onWorker)
    t = await buildTestApp(FAST)
    receiver = await startReceiver()
    receiver.respond(answer(200))
  })
  after(async () => {
    process.off('worker', onWorker)
    await t.close()
    await receiver.close()
  })

  it('is started again, and delivers the events recorded while it was gone', { timeout: 60_000 }, async () => {
    assert.equal(workers.length, 1, 'the app started one worker thread')
    const { body: subscription } = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: receiver.url, events: ['prompt.created'] }).expect(201)
    receiver.setSecret(subscription.secret)
    const first = await t.http.post('/v1/prompts').set(ADMIN).send({ category: 'sagas', template: 'Before the crash {{x}}' }).expect(201)
    // Delivered and recorded, so that no claimed row is left behind with the worker.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const { items } = (await t.http.get(`/v1/webhooks/${subscription.id}/deliveries`).set(ADMIN).expect(200)).body
      if (items.some((item: { status: string }) => item.status === 'delivered')) break
    }

    await workers[0]!.terminate()
    const second = await t.http.post('/v1/prompts').set(ADMIN).send({ category: 'sagas', template: 'After the crash {{x}}' }).expect(201)
    await receiver.waitFor(() => receiver.accepted.length >= 2, 20_000)
    assert.equal(workers.length, 2, 'a second worker thread was started')
    assert.deepEqual(receiver.accepted.map((event) => event.data.id), [first.body.id, second.body.id])
    assert.ok(receiver.accepted.every((event) => event.verified))
  })
})
