import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openStore, type Store } from '../../src/db/open.js'
import { KeyRepository } from '../../src/repositories/key-repository.js'
import { CACHE_RECHECK_MS, KeyService } from '../../src/services/key-service.js'

/** The real repository, counting the lookups that reach SQLite. */
class CountingKeyRepository extends KeyRepository {
  lookups = 0
  override liveByHash (hash: string): ReturnType<KeyRepository['liveByHash']> {
    this.lookups++
    return super.liveByHash(hash)
  }
}

describe('KeyService', () => {
  let directory: string
  let store: Store
  let other: Store
  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'promptshelf-keys-'))
    store = openStore(join(directory, 'keys.db'))
    // A second connection to the same file, as the CLI or another instance would have.
    other = openStore(join(directory, 'keys.db'))
  })
  after(() => {
    store.sqlite.close()
    other.sqlite.close()
    rmSync(directory, { recursive: true, force: true })
  })
  const defaults = { max: 600, windowSeconds: 60 }

  it('resolves a known key from memory: one database lookup for many requests', () => {
    const repository = new CountingKeyRepository(store.sqlite)
    const keys = new KeyService(repository, defaults)
    const { key, id } = keys.create({ name: 'cached', scopes: ['prompts:write'], rateLimit: { max: 5, windowSeconds: 60 } })
    for (let i = 0; i < 1000; i++) assert.equal(keys.resolve(key)?.keyId, id)
    assert.equal(repository.lookups, 1)
    assert.deepEqual(keys.resolve(key), { kind: 'key', keyId: id, name: 'cached', scopes: ['prompts:write'], rateLimit: { max: 5, windowSeconds: 60 } })
    assert.equal(keys.resolve(key + 'x'), undefined)
    assert.equal(keys.resolve('psk_unknown'), undefined)
  })

  it('sees a revocation made through another connection once the cache entry is re-checked', () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const keys = new KeyService(new KeyRepository(store.sqlite), defaults, () => now)
    const cli = new KeyService(new KeyRepository(other.sqlite), defaults)
    const { key, id } = keys.create({ name: 'revoked elsewhere', scopes: ['prompts:read'] })
    assert.ok(keys.resolve(key))
    cli.revoke(id)
    now += CACHE_RECHECK_MS - 1
    assert.ok(keys.resolve(key), 'still cached just before the re-check')
    now += 1
    assert.equal(keys.resolve(key), undefined)
  })

  it('drops the cached principal at once when the key changes or is revoked here', () => {
    const keys = new KeyService(new KeyRepository(store.sqlite), defaults)
    const { key, id } = keys.create({ name: 'changing', scopes: ['prompts:read'] })
    assert.deepEqual(keys.resolve(key)?.scopes, ['prompts:read'])
    assert.equal(keys.resolve(key)?.rateLimit, undefined)
    keys.patch(id, { scopes: ['admin'], rateLimit: { max: 9, windowSeconds: 30 } })
    assert.deepEqual(keys.resolve(key)?.scopes, ['admin'])
    assert.deepEqual(keys.resolve(key)?.rateLimit, { max: 9, windowSeconds: 30 })
    keys.revoke(id)
    assert.equal(keys.resolve(key), undefined)
  })

  it('makes distinct secrets and ids', () => {
    const keys = new KeyService(new KeyRepository(store.sqlite), defaults)
    const made = Array.from({ length: 50 }, (_, i) => keys.create({ name: `k${i}`, scopes: ['prompts:read', 'prompts:read'] }))
    assert.equal(new Set(made.map((k) => k.key)).size, 50)
    assert.equal(new Set(made.map((k) => k.id)).size, 50)
    assert.deepEqual(made[0]!.scopes, ['prompts:read'])
  })
})
