// GET /metrics: who may read it, what it counts, and that it stays outside the rate limits.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_KEY, type TestApp } from '../helpers/test-app.js'

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
