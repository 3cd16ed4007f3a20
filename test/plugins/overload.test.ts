// Overload: past OVERLOAD_MAX_EVENT_LOOP_DELAY_MS requests get a 503 problem with Retry-After; /healthz still answers.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

/** Keeps the event loop busy, as a burst of synchronous work would. */
function blockEventLoop (ms: number): void {
  const end = Date.now() + ms
  while (Date.now() < end) { /* busy */ }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('overload shedding', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp({ OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '40' }) })
  after(async () => { await t.close() })

  const servedWithin = async (tries: number): Promise<boolean> => {
    for (let attempt = 0; attempt < tries; attempt++) {
      if ((await t.http.get('/v1/tags')).status === 200) return true
      await sleep(100)
    }
    return false
  }

  it('answers 503 problems with Retry-After while the event loop lags, and /healthz keeps answering', async () => {
    // Building the app (seeding) lagged the loop too: wait until that sample has passed.
    assert.ok(await servedWithin(50), 'served before the lag')
    let shed: Awaited<ReturnType<typeof t.http.get>> | undefined
    let health: Awaited<ReturnType<typeof t.http.get>> | undefined
    // The delay is the mean over a 250 ms sample: a 1.5 s lag lifts it past 40 ms even on a busy machine, whose
    // idle loop stays below. Lag the loop, let the sample see it, then ask (a few tries at most).
    for (let attempt = 0; attempt < 5 && shed === undefined; attempt++) {
      blockEventLoop(1500)
      await sleep(20)
      const [tags, healthz] = await Promise.all([t.http.get('/v1/tags'), t.http.get('/healthz')])
      if (tags.status === 503) {
        shed = tags
        health = healthz
      }
    }
    assert.ok(shed, 'a request was shed with 503')
    assert.match(String(shed.headers['content-type']), /^application\/problem\+json/)
    assert.equal(shed.headers['retry-after'], '2')
    assert.equal(shed.body.status, 503)
    assert.match(shed.body.detail, /overloaded/)
    assert.equal(health!.status, 200)

    assert.ok(await servedWithin(50), 'served again once the loop is idle')
  })
})
