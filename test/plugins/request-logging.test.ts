import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import Fastify, { type FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import requestLogging, { loggedUrl } from '../../src/plugins/request-logging.js'
import { startChildServer } from '../helpers/child-server.js'

describe('logged URLs', () => {
  it('never carry a key sent in the query string', () => {
    assert.equal(loggedUrl('/v1/prompts?category=sagas&api_key=psk_secret&limit=2'), '/v1/prompts?category=sagas&api_key=[redacted]&limit=2')
    assert.equal(loggedUrl('/v1/keys?KEY=psk_secret'), '/v1/keys?KEY=[redacted]')
    assert.equal(loggedUrl('/v1/keys?access_token=a&token=b'), '/v1/keys?access_token=[redacted]&token=[redacted]')
    assert.equal(loggedUrl('/v1/prompts?monkey=1'), '/v1/prompts?monkey=1')
    assert.equal(loggedUrl('/v1/keys?api%5Fkey=psk_secret'), '/v1/keys?api%5Fkey=[redacted]')
    assert.equal(loggedUrl('/v1/tags?API_KEY=psk_secret&Api_Key[]=x&bad=%E0%A4'), '/v1/tags?API_KEY=[redacted]&Api_Key[]=[redacted]&bad=%E0%A4')
    assert.equal(loggedUrl('/v1/prompts/sagas-1'), '/v1/prompts/sagas-1')
  })
})

describe('the request line', () => {
  async function linesFor (level: string, url: string, requestId?: string): Promise<{ written: string[], base: Record<string, unknown> }> {
    const written: string[] = []
    const destination = { write: (line: string) => { written.push(line) } }
    const base = { pid: process.pid, hostname: 'host "one"' }
    const logger = pino({ level, base }, destination)
    const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, disableRequestLogging: true, ...(requestId === undefined ? {} : { genReqId: () => requestId }) })
    await app.register(requestLogging, { logger, destination, base })
    app.get('/things/:id', async () => ({ ok: true }))
    try {
      await app.inject({ url })
      // The line pino itself writes for the same fields, to compare the hand-built one with.
      if (written.length > 0) {
        const sent = JSON.parse(written[0]!) as Record<string, unknown>
        logger.info({ reqId: sent.reqId, method: sent.method, route: sent.route, url: sent.url, status: sent.status, durationMs: sent.durationMs }, 'request')
      }
    } finally {
      await app.close()
    }
    return { written, base }
  }

  it('is the line pino writes for the same fields, key for key, with awkward characters escaped', async () => {
    const { written } = await linesFor('info', '/things/%22%E2%98%83?q=snow\\man', 'id-1')
    const [ours, pinos] = written.map((line) => JSON.parse(line) as Record<string, unknown>)
    assert.equal(written.length, 2)
    assert.ok(written[0]!.endsWith('}\n'))
    assert.deepEqual(Object.keys(ours!), ['level', 'time', 'pid', 'hostname', 'reqId', 'method', 'route', 'url', 'status', 'durationMs', 'msg'])
    assert.deepEqual(Object.keys(ours!), Object.keys(pinos!))
    assert.deepEqual({ ...ours, time: 0 }, { ...pinos, time: 0 })
    assert.equal(ours!.hostname, 'host "one"')
    assert.equal(ours!.route, '/things/:id')
    assert.equal(ours!.url, '/things/%22%E2%98%83?q=snow\\man')
    assert.ok(written[0]!.includes('snow\\\\man'), 'the backslash is escaped in the line')
    assert.equal(typeof ours!.time, 'number')
    const unrouted = JSON.parse((await linesFor('info', '/nowhere')).written[0]!) as Record<string, unknown>
    assert.equal(unrouted.route, null)
    assert.equal(unrouted.status, 404)
  })

  it('is not written when the level is above info, and hides a key secret sent as the request id', async () => {
    assert.deepEqual((await linesFor('warn', '/things/1')).written, [])
    const { written } = await linesFor('info', '/things/1', 'psk_secretvalue')
    assert.doesNotMatch(written[0]!, /secretvalue/)
    assert.match(written[0]!, /"reqId":"psk_\[redacted\]"/)
  })
})

describe('key secrets in the request log', () => {
  it('never writes a psk_ secret, wherever in the URL it was sent', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'promptshelf-redact-'))
    const server = await startChildServer({ DATABASE_PATH: join(directory, 'store.db'), RATE_LIMIT_ANON_MAX: '1000' }, 90_000)
    try {
      const secret = 'psk_Zx9SecretValue0123456789abcdefABCDEF-_'
      for (const path of [`/v1/prompts/${secret}`, `/v1/prompts?sessionkey=${secret}`, `/v1/nowhere/${secret}/x`, `/v1/prompts?q=psk%5F${secret.slice(4)}`]) {
        await fetch(server.baseUrl + path)
      }
      const deadline = Date.now() + 15_000
      while (server.lines.filter((line) => line.includes('"msg":"request"')).length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      const requests = server.lines.filter((line) => line.includes('"msg":"request"'))
      assert.equal(requests.length, 4)
      const log = server.lines.join('\n')
      assert.doesNotMatch(log, /Zx9SecretValue/)
      assert.match(log, /psk_\[redacted\]/)
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
      rmSync(directory, { recursive: true, force: true })
    }
  })
})
