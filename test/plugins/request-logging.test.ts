import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { loggedUrl } from '../../src/plugins/request-logging.js'
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
