import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from '../src/config.js'

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({})
    assert.equal(config.port, 3000)
    assert.equal(config.trustProxy, false)
    assert.deepEqual(config.rateLimit, { anonymousMax: 60, keyMax: 600, windowSeconds: 60 })
    assert.match(config.databasePath, /data\/promptshelf\.db$/)
  })

  it('reads TRUST_PROXY as a switch or as the proxies\' addresses', () => {
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true)
    assert.equal(loadConfig({ TRUST_PROXY: 'off' }).trustProxy, false)
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1' }).trustProxy, ['10.0.0.1', '192.168.0.0/16', '::1'])
    assert.throws(() => loadConfig({ TRUST_PROXY: 'proxy.example' }), ConfigError)
  })

  it('refuses an ADMIN_API_KEY no request could send, and other bad values, naming the variable', () => {
    for (const key of ['short', 'has a space in it 123456', 'ключ-ключ-ключ-ключ-ключ', 'x'.repeat(201)]) {
      assert.throws(() => loadConfig({ ADMIN_API_KEY: key }), /ADMIN_API_KEY/)
    }
    assert.equal(loadConfig({ ADMIN_API_KEY: 'a-valid-admin-key-0123' }).adminApiKey, 'a-valid-admin-key-0123')
    assert.throws(() => loadConfig({ RATE_LIMIT_KEY_MAX: '0' }), /RATE_LIMIT_KEY_MAX/)
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/)
  })
})
