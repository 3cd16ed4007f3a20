// Webhook subscriptions over the real HTTP stack, and deliveries to a real receiver on 127.0.0.1 that checks
// every signature with the standardwebhooks package.
import assert from 'node:assert/strict'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { KEY_FILE_NAME } from '../../src/webhooks/secret-box.js'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'
import { answer, startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js'

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_KEY}` }
const FAST = { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '20' }

describe('webhook subscriptions', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp(FAST) })
  after(async () => { await t.close() })

  it('creates a subscription whose secret is shown once and stored only encrypted', async () => {
    const created = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: 'http://127.0.0.1:9/hook', events: ['prompt.created'], description: 'cache' }).expect(201)
    assert.match(created.body.id, /^wh_[A-Za-z0-9_-]{16}$/)
    assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/)
    assert.equal(Buffer.from(created.body.secret.slice(6), 'base64').length, 32)
    assert.equal(created.headers.location, `/v1/webhooks/${created.body.id}`)
    assert.deepEqual(Object.keys(created.body).sort(), ['createdAt', 'description', 'events', 'id', 'secret', 'updatedAt', 'url'])

    const read = await t.http.get(`/v1/webhooks/${created.body.id}`).set(ADMIN).expect(200)
    assert.equal(read.body.secret, undefined)
    assert.equal(JSON.stringify(read.body).includes(created.body.secret.slice(6)), false)
    const list = await t.http.get('/v1/webhooks').set(ADMIN).expect(200)
    assert.equal(JSON.stringify(list.body).includes(created.body.secret.slice(6)), false)

    const stored = t.app.library.store.sqlite.prepare('SELECT * FROM webhook_subscriptions WHERE id = ?').get(created.body.id) as Record<string, string>
    assert.equal(JSON.stringify(stored).includes(created.body.secret.slice(6)), false, 'the secret is not stored in clear')
    assert.match(stored.secret_ciphertext!, /^v1:/)
    assert.equal(statSync(join(t.directory, KEY_FILE_NAME)).mode & 0o777, 0o600)
  })

  it('changes, deletes, and answers 404 for unknown ids', async () => {
    const { body } = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: 'http://127.0.0.1:9/a', events: ['*', 'label.moved'] }).expect(201)
    assert.deepEqual(body.events, ['*'])
    const patched = await t.http.patch(`/v1/webhooks/${body.id}`).set(ADMIN).send({ events: ['label.moved', 'label.removed'], description: 'labels' }).expect(200)
    assert.deepEqual(patched.body.events, ['label.moved', 'label.removed'])
    assert.equal(patched.body.description, 'labels')
    await t.http.delete(`/v1/webhooks/${body.id}`).set(ADMIN).expect(204)
    await t.http.get(`/v1/webhooks/${body.id}`).set(ADMIN).expect(404)
    await t.http.delete(`/v1/webhooks/${body.id}`).set(ADMIN).expect(404)
    await t.http.get(`/v1/webhooks/${body.id}/deliveries`).set(ADMIN).expect(404)
    await t.http.post(`/v1/webhooks/${body.id}/ping`).set(ADMIN).expect(404)
  })

  it('refuses bad input with problems that point at it', async () => {
    const cases: Array<[unknown, string]> = [
      [{ url: 'ftp://127.0.0.1/x', events: ['*'] }, '#/url'],
      [{ url: 'javascript:alert(1)', events: ['*'] }, '#/url'],
      [{ url: 'http://user:pass@127.0.0.1/x', events: ['*'] }, '#/url'],
      [{ url: 'not a url', events: ['*'] }, '#/url'],
      [{ url: 'http://127.0.0.1/x', events: [] }, '#/events'],
      [{ url: 'http://127.0.0.1/x', events: ['prompt.exploded'] }, '#/events/0'],
      [{ url: 'http://127.0.0.1/x', events: ['*'], secret: 'whsec_mine' }, '#/secret'],
      [{ url: 'http://127.0.0.1/x' + 'a'.repeat(2000), events: ['*'] }, '#/url']
    ]
    for (const [body, pointer] of cases) {
      const res = await t.http.post('/v1/webhooks').set(ADMIN).send(body as object)
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80))
      assert.match(res.headers['content-type']!, /application\/problem\+json/)
      assert.ok(res.body.errors.some((error: { pointer: string }) => error.pointer.startsWith(pointer)), `${JSON.stringify(res.body.errors)} names ${pointer}`)
    }
    await t.http.get('/v1/webhooks/wh_bad').set(ADMIN).expect(400)
    await t.http.get('/v1/webhooks?x=1').set(ADMIN).expect(400)
    await t.http.patch('/v1/webhooks/wh_AAAAAAAAAAAAAAAA').set(ADMIN).send({}).expect(400)
  })

  it('needs the admin scope', async () => {
    const writer = (await t.http.post('/v1/keys').set(ADMIN).send({ name: 'writer', scopes: ['prompts:write', 'labels:promote'] }).expect(201)).body.key
    await t.http.get('/v1/webhooks').expect(401)
    await t.http.get('/v1/webhooks').set('authorization', `Bearer ${writer}`).expect(403)
    await t.http.post('/v1/webhooks').set('authorization', `Bearer ${writer}`).send({ url: 'http://127.0.0.1:9/x', events: ['*'] }).expect(403)
  })
})

describe('webhook destinations', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' }) })
  after(async () => { await t.close() })

  it('refuses private, loopback and link-local addresses, IPv4 and IPv6, mapped ones too', async () => {
    for (const url of ['http://127.0.0.1/x', 'http://10.1.2.3/x', 'http://192.168.1.1/x', 'http://172.16.0.1/x', 'http://169.254.169.254/latest/meta-data',
      'http://0.0.0.0/x', 'http://[::1]/x', 'http://[::ffff:127.0.0.1]/x', 'http://[::ffff:a9fe:a9fe]/x', 'http://[fe80::1]/x', 'http://[fd00::1]/x',
      'http://localhost:3000/x', 'http://intranet/x', 'http://2130706433/x', 'http://0x7f.1/x']) {
      const res = await t.http.post('/v1/webhooks').set(ADMIN).send({ url, events: ['*'] })
      assert.equal(res.status, 400, url)
      assert.equal(res.body.errors[0].pointer, '#/url', url)
    }
  })

  it('accepts a public address', async () => {
    await t.http.post('/v1/webhooks').set(ADMIN).send({ url: 'https://93.184.215.14/hook', events: ['*'] }).expect(201)
  })
})

describe('the bound on subscriptions', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp(FAST) })
  after(async () => { await t.close() })

  it('keeps at most 100 and answers a clear 409 past it, however many are sent', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 1000; i++) {
      const res = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: `http://127.0.0.1:9/${i}`, events: ['*'] })
      statuses.push(res.status)
      if (res.status === 409) {
        assert.match(res.body.detail, /100 webhook subscriptions/)
        if (statuses.filter((status) => status === 409).length >= 5) break
      }
    }
    assert.equal(statuses.filter((status) => status === 201).length, 100)
    assert.deepEqual(statuses.slice(100), [409, 409, 409, 409, 409])
    assert.equal((await t.http.get('/v1/webhooks').set(ADMIN).expect(200)).body.items.length, 100)
  })
})

describe('deliveries', () => {
  let t: TestApp
  let receiver: WebhookReceiver
  before(async () => {
    t = await buildTestApp({ ...FAST, WEBHOOK_TIMEOUT_MS: '3000' })
    receiver = await startReceiver()
  })
  after(async () => {
    await t.close()
    await receiver.close()
  })

  it('delivers every event signed, in order, after failing the first attempts', async () => {
    const { body: subscription } = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: receiver.url, events: ['*'] }).expect(201)
    receiver.setSecret(subscription.secret)
    // The first three requests fail: 503, a connection reset, a 302 that is not followed.
    receiver.respond((request, response, attempt) => {
      if (attempt === 1) response.writeHead(503).end('busy')
      else if (attempt === 2) request.socket.destroy()
      else if (attempt === 3) response.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end()
      else response.writeHead(200).end('ok')
    })
    const created = await t.http.post('/v1/prompts').set(ADMIN).send({ category: 'sagas', template: 'Hook {{topic}}' }).expect(201)
    const id = created.body.id as string
    await t.http.patch(`/v1/prompts/${id}`).set(ADMIN).set('if-match', created.headers.etag!).send({ template: 'Hook two {{topic}}' }).expect(200)
    await t.http.delete(`/v1/prompts/${id}`).set(ADMIN).expect(204)
    await t.http.post(`/v1/prompts/${id}/restore`).set(ADMIN).expect(200)

    await receiver.waitFor(() => receiver.accepted.length >= 4)
    assert.deepEqual(receiver.accepted.map((event) => event.type), ['prompt.created', 'prompt.version.created', 'prompt.deleted', 'prompt.restored'])
    assert.ok(receiver.accepted.every((event) => event.verified), 'every signature verifies with standardwebhooks')
    assert.deepEqual(receiver.accepted.map((event) => event.data.version), [1, 2, 2, 2])
    assert.ok(receiver.accepted.every((event) => event.data.id === id && event.data.by === 'admin (ADMIN_API_KEY)'))
    assert.equal(new Set(receiver.accepted.map((event) => event.id)).size, 4)
    // The failed attempts were retries of the first event: the same webhook-id each time.
    assert.deepEqual(new Set(receiver.requests.slice(0, 4).map((request) => request.headers['webhook-id'])).size, 1)
    assert.equal(receiver.requests.some((request) => request.headers['webhook-id'] === undefined), false)

    // Outcomes are written in batches: the log catches up with the receiver within moments.
    let items: Array<Record<string, unknown>> = []
    for (const deadline = Date.now() + 10_000; items.length < 7 && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
      items = (await t.http.get(`/v1/webhooks/${subscription.id}/deliveries`).set(ADMIN).expect(200)).body.items
    }
    assert.deepEqual(items.map((item) => item.status).reverse(), ['retrying', 'retrying', 'retrying', 'delivered', 'delivered', 'delivered', 'delivered'])
    assert.deepEqual(items.map((item) => item.attempt).reverse(), [1, 2, 3, 4, 1, 1, 1])
    assert.deepEqual(items.at(-1)!.responseStatus, 503)
    assert.match(String(items.at(-1)!.error), /503/)
    assert.equal(items.at(-2)!.responseStatus, null)
    assert.equal(items.at(-3)!.responseStatus, 302)
    assert.deepEqual(Object.keys(items[0]!).sort(), ['at', 'attempt', 'durationMs', 'error', 'eventId', 'id', 'responseStatus', 'status', 'type'])

    const page = await t.http.get(`/v1/webhooks/${subscription.id}/deliveries?limit=2`).set(ADMIN).expect(200)
    assert.equal(page.body.items.length, 2)
    const next = await t.http.get(`/v1/webhooks/${subscription.id}/deliveries?limit=10&cursor=${page.body.nextCursor}`).set(ADMIN).expect(200)
    assert.equal(next.body.items.length, 5)
    assert.equal(next.body.nextCursor, null)
    await t.http.delete(`/v1/webhooks/${subscription.id}`).set(ADMIN).expect(204)
  })

  it('sends only the events a subscription asked for, and pings', async () => {
    receiver.accepted.length = 0
    receiver.respond(answer(200))
    const { body: subscription } = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: receiver.url, events: ['prompt.deleted'] }).expect(201)
    receiver.setSecret(subscription.secret)
    const created = await t.http.post('/v1/prompts').set(ADMIN).send({ category: 'sagas', template: 'Only deletes {{x}}' }).expect(201)
    await t.http.delete(`/v1/prompts/${created.body.id}`).set(ADMIN).expect(204)
    const ping = await t.http.post(`/v1/webhooks/${subscription.id}/ping`).set(ADMIN).expect(202)
    await receiver.waitFor(() => receiver.accepted.length >= 2)
    const types = receiver.accepted.map((event) => event.type).sort()
    assert.deepEqual(types, ['ping', 'prompt.deleted'])
    assert.equal(receiver.accepted.find((event) => event.type === 'ping')!.id, ping.body.eventId)
    assert.ok(receiver.accepted.every((event) => event.verified))
    await t.http.delete(`/v1/webhooks/${subscription.id}`).set(ADMIN).expect(204)
  })

  it('cuts off a receiver that hangs or answers 10 MB, and keeps answering requests meanwhile', async () => {
    const { body: subscription } = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: receiver.url, events: ['*'] }).expect(201)
    receiver.setSecret(subscription.secret)
    let hung = 0
    receiver.respond((_request, response, attempt) => {
      void attempt
      if (hung++ === 0) return // never answers
      response.writeHead(200, { 'content-type': 'application/octet-stream' })
      response.end(Buffer.alloc(10 * 1024 * 1024, 97))
    })
    const before = receiver.requests.length
    await t.http.post('/v1/prompts').set(ADMIN).send({ category: 'sagas', template: 'Hang {{x}}' }).expect(201)
    await receiver.waitFor(() => receiver.requests.length > before)
    const started = performance.now()
    await t.http.get('/healthz').expect(200)
    await t.http.get('/v1/prompts/sagas-1').expect(200)
    assert.ok(performance.now() - started < 2000, 'requests are answered while a delivery hangs (for 3 s)')
    const deadline = Date.now() + 30_000
    let items: Array<Record<string, unknown>> = []
    while (Date.now() < deadline) {
      items = (await t.http.get(`/v1/webhooks/${subscription.id}/deliveries`).set(ADMIN).expect(200)).body.items
      if (items.some((item) => item.status === 'delivered')) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const [delivered, timedOut] = items
    assert.equal(timedOut!.status, 'retrying')
    assert.match(String(timedOut!.error), /within 3000 ms/)
    assert.ok((timedOut!.durationMs as number) < 6000)
    assert.equal(delivered!.status, 'delivered')
    assert.equal(delivered!.responseStatus, 200)
    await t.http.delete(`/v1/webhooks/${subscription.id}`).set(ADMIN).expect(204)
  })

  it('sends one event per changed prompt on import, and none for a dry run', async () => {
    receiver.accepted.length = 0
    receiver.respond(answer(200))
    const { body: subscription } = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: receiver.url, events: ['*'] }).expect(201)
    receiver.setSecret(subscription.secret)
    const exported = (await t.http.get('/v1/export?format=json').expect(200)).body
    const sagas = exported.prompts.filter((prompt: { category: string }) => prompt.category === 'sagas').slice(0, 2)
    for (const [index, prompt] of sagas.entries()) {
      prompt.template = `Imported change of sagas ${index} {{x}}`
      delete prompt.variables
    }
    const document = { format: 'promptshelf-library', formatVersion: 1, categories: [], prompts: [...sagas, { id: 'imported-new', category: 'sagas', template: 'Brand new {{x}}' }] }
    await t.http.post('/v1/import?dryRun=true').set(ADMIN).send(document).expect(200)
    const report = await t.http.post('/v1/import').set(ADMIN).send(document).expect(200)
    assert.equal(report.body.updated.length + report.body.created.length, 3)
    await receiver.waitFor(() => receiver.accepted.length >= 3)
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.deepEqual(receiver.accepted.map((event) => `${event.type} ${String(event.data.id)}`).sort(),
      [`prompt.created imported-new`, `prompt.version.created ${sagas[0].id}`, `prompt.version.created ${sagas[1].id}`].sort())
    await t.http.delete(`/v1/webhooks/${subscription.id}`).set(ADMIN).expect(204)
  })
})

describe('giving up', () => {
  let t: TestApp
  let receiver: WebhookReceiver
  before(async () => {
    t = await buildTestApp({ ...FAST, WEBHOOK_RETRY_WINDOW_MS: '300' })
    receiver = await startReceiver()
  })
  after(async () => {
    await t.close()
    await receiver.close()
  })

  it('marks a delivery failed once its retry window has passed, and moves on to the next event of the prompt', async () => {
    const { body: subscription } = await t.http.post('/v1/webhooks').set(ADMIN).send({ url: receiver.url, events: ['*'] }).expect(201)
    receiver.setSecret(subscription.secret)
    // The receiver refuses the created event for good and takes everything else.
    receiver.respond((_request, response) => {
      const last = receiver.requests.at(-1)!
      response.writeHead(JSON.parse(last.body).type === 'prompt.created' ? 500 : 200).end()
    })
    const created = await t.http.post('/v1/prompts').set(ADMIN).send({ category: 'sagas', template: 'Given up {{x}}' }).expect(201)
    await t.http.delete(`/v1/prompts/${created.body.id as string}`).set(ADMIN).expect(204)
    const deadline = Date.now() + 10_000
    let items: Array<Record<string, unknown>> = []
    while (Date.now() < deadline) {
      items = (await t.http.get(`/v1/webhooks/${subscription.id}/deliveries?limit=100`).set(ADMIN).expect(200)).body.items
      if (items.some((item) => item.status === 'failed')) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const failed = items.find((item) => item.status === 'failed')!
    assert.equal(failed.type, 'prompt.created')
    assert.ok((failed.attempt as number) >= 2, 'retried before giving up')
    assert.ok(items.filter((item) => item.type === 'prompt.created').every((item) => item.responseStatus === 500))
    await receiver.waitFor(() => receiver.accepted.some((event) => event.type === 'prompt.deleted'))
    assert.equal(receiver.accepted.some((event) => event.type === 'prompt.created'), false)
  })
})

describe('several instances on one database', () => {
  let first: TestApp
  let second: TestApp
  let receiver: WebhookReceiver
  before(async () => {
    first = await buildTestApp(FAST)
    second = await buildTestApp(FAST, first.directory)
    receiver = await startReceiver()
  })
  after(async () => {
    await second.app.close()
    await first.close()
    await receiver.close()
  })

  it('delivers each event once, by one of them', async () => {
    receiver.respond(answer(200))
    const { body: subscription } = await first.http.post('/v1/webhooks').set(ADMIN).send({ url: receiver.url, events: ['*'] }).expect(201)
    receiver.setSecret(subscription.secret)
    for (let i = 0; i < 20; i++) {
      const app = i % 2 === 0 ? first : second
      await app.http.post('/v1/prompts').set(ADMIN).send({ category: 'sagas', template: `Shared ${i} {{x}}` }).expect(201)
    }
    await receiver.waitFor(() => receiver.accepted.length >= 20)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    assert.equal(receiver.requests.length, 20)
    assert.equal(new Set(receiver.accepted.map((event) => event.id)).size, 20)
    assert.ok(receiver.accepted.every((event) => event.verified))
  })
})

