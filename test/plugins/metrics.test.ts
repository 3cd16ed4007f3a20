// GET /metrics: who may read it, what it counts, and that it stays outside the rate limits.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'
import { startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js'

const METRICS_TOKEN = 'metrics-token-0123456789abcdef'

/** The value of one series in Prometheus text, or undefined when it is absent. */
function sample (text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(series + ' '))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('/metrics', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp({ METRICS_TOKEN, RATE_LIMIT_KEY_MAX: '3', RATE_LIMIT_ANON_MAX: '1000' }) })
  after(async () => { await t.close() })

  const scrape = async (): Promise<string> =>
    (await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200).expect('content-type', /^text\/plain/)).text

  it('answers an admin key or the METRICS_TOKEN, and no one else', async () => {
    await t.http.get('/metrics').expect(401).expect('content-type', /problem\+json/)
    await t.http.get('/metrics').set('Authorization', 'Bearer not-the-metrics-token-000').expect(401)
    await t.http.get('/metrics').set('X-API-Key', METRICS_TOKEN).expect(401)
    const reader = await t.http.post('/v1/keys').set('X-API-Key', TEST_ADMIN_KEY).send({ name: 'reader', scopes: ['prompts:read'] }).expect(201)
    await t.http.get('/metrics').set('X-API-Key', reader.body.key).expect(403)
    await t.http.get('/metrics').set('X-API-Key', TEST_ADMIN_KEY).expect(200)
    await scrape()
  })

  it('counts a request in the duration histogram under its route pattern, never its URL', async () => {
    const series = 'http_request_duration_seconds_count{route="/v1/prompts/:id",method="GET",status_code="200"}'
    const before = sample(await scrape(), series) ?? 0
    await t.http.get('/v1/prompts/sagas-1').expect(200)
    await t.http.get('/v1/prompts/sagas-2').expect(200)
    await t.http.get('/v1/prompts/no-such-prompt').expect(404)
    const text = await scrape()
    assert.equal(sample(text, series), before + 2)
    assert.equal(sample(text, 'http_request_duration_seconds_count{route="/v1/prompts/:id",method="GET",status_code="404"}'), 1)
    assert.doesNotMatch(text, /sagas-1|no-such-prompt/)
    assert.match(text, /http_request_duration_seconds_bucket\{le="0.005",route="\/v1\/prompts\/:id",method="GET",status_code="200"\}/)
  })

  it('counts renders and read-cache hits and misses', async () => {
    const before = await scrape()
    await t.http.post('/v1/prompts/sagas-1/render').send({ variables: { specific_distributed_transaction: 'hotel booking' } }).expect(200)
    await t.http.get('/v1/categories').expect(200)
    await t.http.get('/v1/categories').expect(200)
    const text = await scrape()
    assert.equal(sample(text, 'promptshelf_renders_total'), (sample(before, 'promptshelf_renders_total') ?? 0) + 1)
    assert.ok(sample(text, 'promptshelf_read_cache_lookups_total{result="hit"}')! > (sample(before, 'promptshelf_read_cache_lookups_total{result="hit"}') ?? 0))
    assert.ok(sample(text, 'promptshelf_read_cache_lookups_total{result="miss"}')! >= 1)
    assert.match(text, /# TYPE promptshelf_webhook_deliveries_total counter/)
  })

  it('is never rate limited, and counts the refusals of others', async () => {
    const limited = await t.http.post('/v1/keys').set('X-API-Key', TEST_ADMIN_KEY).send({ name: 'tight', scopes: ['admin'], rateLimit: { max: 1, windowSeconds: 60 } }).expect(201)
    await t.http.get('/v1/tags').set('X-API-Key', limited.body.key).expect(200)
    await t.http.get('/v1/tags').set('X-API-Key', limited.body.key).expect(429)
    for (let i = 0; i < 5; i++) {
      const answer = await t.http.get('/metrics').set('X-API-Key', limited.body.key).expect(200)
      assert.equal(answer.headers['x-ratelimit-limit'], undefined)
    }
    assert.ok(sample(await scrape(), 'promptshelf_rate_limit_refusals_total{caller="key"}')! >= 1)
  })
})

describe('/metrics and webhook deliveries', () => {
  let t: TestApp
  let receiver: WebhookReceiver
  before(async () => {
    t = await buildTestApp({ METRICS_TOKEN, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', WEBHOOK_RETRY_BASE_MS: '20', WEBHOOK_RETRY_WINDOW_MS: '300' })
    receiver = await startReceiver()
  })
  after(async () => {
    await t.close()
    await receiver.close()
  })

  const deliveries = async (): Promise<Record<string, number | undefined>> => {
    const text = (await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text
    return Object.fromEntries(['delivered', 'retried', 'failed'].map((outcome) => [outcome, sample(text, `promptshelf_webhook_deliveries_total{outcome="${outcome}"}`)]))
  }

  it('counts delivery attempts by outcome: delivered, retried and failed', async () => {
    assert.deepEqual(await deliveries(), { delivered: 0, retried: 0, failed: 0 })
    const admin = { 'X-API-Key': TEST_ADMIN_KEY }
    const { body: subscription } = await t.http.post('/v1/webhooks').set(admin).send({ url: receiver.url, events: ['*'] }).expect(201)
    receiver.setSecret(subscription.secret)
    // The created event is refused until its retry window has passed; the deleted event is taken at once.
    receiver.respond((_request, response) => {
      response.writeHead(JSON.parse(receiver.requests.at(-1)!.body).type === 'prompt.created' ? 500 : 204).end()
    })
    const created = await t.http.post('/v1/prompts').set(admin).send({ category: 'sagas', template: 'Counted {{x}}' }).expect(201)
    await t.http.delete(`/v1/prompts/${created.body.id as string}`).set(admin).expect(204)
    await receiver.waitFor(() => receiver.accepted.some((event) => event.type === 'prompt.deleted'), 15_000)
    // The receiver has answered; the deliverer counts the outcome once it has read the answer.
    let counted = await deliveries()
    for (const deadline = Date.now() + 5000; counted.delivered === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      counted = await deliveries()
    }
    const refused = receiver.requests.filter((entry) => JSON.parse(entry.body).type === 'prompt.created').length
    assert.equal(counted.delivered, 1)
    assert.equal(counted.failed, 1)
    // Every refused attempt but the last was retried.
    assert.equal(counted.retried, refused - 1)
    assert.ok(refused >= 2, 'retried before giving up')
  })
})
