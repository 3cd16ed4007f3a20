import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openStore, type Store } from '../../src/db/open.js'
import { IDEMPOTENCY_TTL_MS, IdempotencyService } from '../../src/services/idempotency.js'
import { Library } from '../../src/services/library.js'

describe('IdempotencyService', () => {
  let directory: string
  let store: Store
  let library: Library
  before(() => {
    directory = mkdtempSync(join(tmpdir(), 'promptshelf-idem-'))
    store = openStore(join(directory, 'store.db'))
    library = new Library(store)
  })
  after(() => {
    store.sqlite.close()
    rmSync(directory, { recursive: true, force: true })
  })

  it('runs the work once and replays it, and purges records older than 24 hours', () => {
    let now = Date.parse('2026-01-01T00:00:00Z')
    const service = new IdempotencyService(library.idempotency, library, () => now)
    let runs = 0
    const work = (): { status: number, headers: Record<string, string>, body: unknown } => ({ status: 201, headers: { etag: '"a"' }, body: { run: ++runs } })
    assert.deepEqual(service.execute('k1', 'old', 'h', work), { replayed: false, response: { status: 201, headers: { etag: '"a"' }, body: { run: 1 } } })
    assert.deepEqual(service.execute('k1', 'old', 'h', work).response.body, { run: 1 })
    assert.equal(runs, 1)

    now += IDEMPOTENCY_TTL_MS + 2 * 3600_000
    service.execute('k1', 'new', 'h', work)
    assert.equal(library.idempotency.find('k1', 'old'), undefined, 'the expired record was purged')
    assert.ok(library.idempotency.find('k1', 'new'))
  })

  it('releases the key when the work throws, and keeps nothing of the work', () => {
    const service = new IdempotencyService(library.idempotency, library)
    assert.throws(() => service.execute('k2', 'fails', 'h', () => {
      store.sqlite.prepare("INSERT INTO library_meta (key, value) VALUES ('probe', 'x')").run()
      throw new Error('boom')
    }), /boom/)
    assert.equal(library.idempotency.find('k2', 'fails'), undefined)
    assert.equal(store.sqlite.prepare("SELECT 1 FROM library_meta WHERE key = 'probe'").get(), undefined)
  })
})
