import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openStore, type Store } from '../../src/db/open.js'
import { KeyRepository } from '../../src/repositories/key-repository.js'
import { KeyService } from '../../src/services/key-service.js'
import { Library } from '../../src/services/library.js'

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
    const keys = new KeyService(repository, defaults, () => 0)
    const { key, id } = keys.create({ name: 'cached', scopes: ['prompts:write'], rateLimit: { max: 5, windowSeconds: 60 } })
    for (let i = 0; i < 1000; i++) assert.equal(keys.resolve(key)?.keyId, id)
    assert.equal(repository.lookups, 1)
    assert.deepEqual(keys.resolve(key), { kind: 'key', keyId: id, name: 'cached', scopes: ['prompts:write'], rateLimit: { max: 5, windowSeconds: 60 } })
    assert.equal(keys.resolve(key + 'x'), undefined)
    assert.equal(keys.resolve('psk_unknown'), undefined)
  })

  it('sees a revocation or a change made through another connection on the next request', async () => {
    const library = new Library(store)
    const repository = new CountingKeyRepository(store.sqlite)
    const keys = new KeyService(repository, defaults, () => library.generation())
    const cli = new KeyService(new KeyRepository(other.sqlite), defaults)
    const changed = keys.create({ name: 'changed elsewhere', scopes: ['admin'] })
    const revoked = keys.create({ name: 'revoked elsewhere', scopes: ['admin'] })
    assert.ok(keys.resolve(changed.key) && keys.resolve(revoked.key))
    assert.ok(keys.resolve(revoked.key))
    assert.equal(repository.lookups, 2, 'cached while nothing changed')
    cli.patch(changed.id, { scopes: ['prompts:read'] })
    cli.revoke(revoked.id)
    // A commit by another connection is seen from the next event-loop turn, as the next request would be.
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(keys.resolve(changed.key)?.scopes, ['prompts:read'])
    assert.equal(keys.resolve(revoked.key), undefined)
  })

  it('drops the cached principal at once when the key changes or is revoked here', () => {
    const keys = new KeyService(new KeyRepository(store.sqlite), defaults, () => 0)
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
