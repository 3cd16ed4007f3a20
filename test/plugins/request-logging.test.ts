import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loggedUrl } from '../../src/plugins/request-logging.js'

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
