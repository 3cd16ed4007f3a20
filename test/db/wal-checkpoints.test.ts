import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openConnection } from '../../src/db/connection.js'
import { CHECKPOINT_EVERY_MS, checkpointInBackground } from '../../src/db/wal-checkpoints.js'
import { buildTestApp, TEST_ADMIN_KEY } from '../helpers/test-app.js'

const directory = mkdtempSync(join(tmpdir(), 'promptshelf-checkpoints-'))
after(() => rmSync(directory, { recursive: true, force: true }))

const size = (path: string): number => statSync(path).size
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('WAL checkpoints in the background', () => {
  it('copy another connection\'s commits into the database file until stopped', async () => {
    const path = join(directory, 'two.db')
    const writer = openConnection(path)
    const background = openConnection(path)
    try {
      writer.pragma('wal_autocheckpoint = 0')
      writer.exec('CREATE TABLE t (id integer PRIMARY KEY, body text)')
      writer.pragma('wal_checkpoint(TRUNCATE)')
      const before = size(path)
      const insert = writer.prepare('INSERT INTO t (body) VALUES (?)')
      for (let i = 0; i < 200; i++) insert.run('x'.repeat(2000))
      assert.equal(size(path), before, 'the writer checkpoints nothing itself')
      const errors: Error[] = []
      const stop = checkpointInBackground(background, (error) => errors.push(error))
      await pause(CHECKPOINT_EVERY_MS * 4)
      const copied = size(path)
      assert.ok(copied > before + 200 * 2000, `the file holds the rows (${before} → ${copied} bytes)`)
      stop()
      for (let i = 0; i < 200; i++) insert.run('y'.repeat(2000))
      await pause(CHECKPOINT_EVERY_MS * 4)
      assert.equal(size(path), copied, 'stopped: nothing more is copied')
      assert.deepEqual(errors, [])
    } finally {
      writer.close()
      background.close()
    }
  })

  it('are left to the deliverer\'s thread by the app: its own connection checkpoints only past 10,000 pages', async () => {
    const t = await buildTestApp({}, mkdtempSync(join(directory, 'app-')))
    try {
      assert.equal(t.app.library.store.sqlite.pragma('wal_autocheckpoint', { simple: true }), 10_000)
      const before = size(t.config.databasePath)
      for (let i = 0; i < 60; i++) {
        await t.http.post('/v1/prompts').set('authorization', `Bearer ${TEST_ADMIN_KEY}`)
          .send({ category: 'sagas', template: `Checkpointed prompt ${i} about {{topic}} ${'words '.repeat(200)}` }).expect(201)
      }
      const deadline = Date.now() + 10_000
      while (size(t.config.databasePath) <= before && Date.now() < deadline) await pause(50)
      assert.ok(size(t.config.databasePath) > before, 'the database file grew: a checkpoint ran, and not on the request thread')
    } finally {
      await t.close()
    }
  })
})
