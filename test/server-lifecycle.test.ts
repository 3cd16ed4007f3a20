import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { runChildServerToExit, startChildServer } from './helpers/child-server.js'

const directories: string[] = []
function tempDir (): string {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-life-'))
  directories.push(directory)
  return directory
}
after(() => { for (const directory of directories) rmSync(directory, { recursive: true, force: true }) })

describe('the server process', () => {
  it('logs one JSON line per request with its fields, secrets redacted, and shuts down cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const directory = tempDir()
    const databasePath = join(directory, 'store.db')
    const server = await startChildServer({ DATABASE_PATH: databasePath })
    try {
      const secret = 'very-secret-key-value-1234567890'
      const res = await fetch(`${server.baseUrl}/v1/prompts/sagas-1`, { headers: { authorization: `Bearer ${secret}`, 'x-request-id': 'trace-42' } })
      assert.equal(res.status, 401)
      await (await fetch(`${server.baseUrl}/v1/prompts?category=sagas`, { headers: { 'x-api-key': secret } })).text()
      const ok = await fetch(`${server.baseUrl}/v1/prompts?category=sagas`)
      assert.equal(ok.status, 200)
      // A request in flight when SIGTERM arrives still gets its answer.
      const inFlight = fetch(`${server.baseUrl}/v1/prompts?limit=100`)
      await new Promise((resolve) => setTimeout(resolve, 5))
      server.child.kill('SIGTERM')
      const late = await inFlight
      assert.equal(late.status, 200)
      assert.equal((await late.json() as { items: unknown[] }).items.length, 100)
      assert.equal(await server.exited, 0)
    } finally {
      server.child.kill('SIGKILL')
    }
    const output = server.lines.join('\n') + server.stderr()
    assert.ok(!output.includes('very-secret-key-value'), 'no secret in the logs')
    const requests = server.lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === 'request')
    assert.equal(requests.length, 4)
    const first = requests[0]!
    assert.equal(first.method, 'GET')
    assert.equal(first.route, '/v1/prompts/:id')
    assert.equal(first.status, 401)
    assert.equal(first.reqId, 'trace-42')
    assert.equal(typeof first.durationMs, 'number')
    assert.ok(requests.some((entry) => entry.route === '/v1/prompts' && entry.status === 200))
    // The database was closed: SQLite removes the WAL file when the last connection closes cleanly.
    assert.ok(!existsSync(databasePath + '-wal'), 'WAL file removed on clean close')
  })

  it('holds exactly 150 prompts after a restart on the same database', { timeout: 60_000 }, async () => {
    const databasePath = join(tempDir(), 'store.db')
    for (let run = 0; run < 2; run++) {
      const server = await startChildServer({ DATABASE_PATH: databasePath })
      try {
        const body = await (await fetch(`${server.baseUrl}/v1/categories`)).json() as { items: Array<{ parent: string | null, promptCount: number }> }
        assert.equal(body.items.length, 45)
        assert.equal(body.items.filter((item) => item.parent === null).reduce((sum, item) => sum + item.promptCount, 0), 150)
        const seeded = server.lines.filter((line) => line.includes('seeded the empty store')).length
        assert.equal(seeded, run === 0 ? 1 : 0)
      } finally {
        server.child.kill('SIGTERM')
        await server.exited
      }
    }
  })

  it('exits non-zero naming the path when the database file is corrupt', { timeout: 30_000 }, async () => {
    const databasePath = join(tempDir(), 'corrupt.db')
    writeFileSync(databasePath, 'this is not an SQLite database '.repeat(200))
    const result = await runChildServerToExit({ DATABASE_PATH: databasePath })
    assert.equal(result.code, 1)
    assert.match(result.stderr, new RegExp(`cannot open the database at ${databasePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
    assert.ok(!result.stderr.includes('    at '), 'no stack trace')
  })

  it('exits non-zero naming the path when the database cannot be created', { timeout: 30_000 }, async () => {
    const blocker = join(tempDir(), 'a-file')
    writeFileSync(blocker, 'x')
    const result = await runChildServerToExit({ DATABASE_PATH: join(blocker, 'store.db') })
    assert.equal(result.code, 1)
    assert.match(result.stderr, /cannot open the database at .*a-file\/store\.db/)
  })

  it('exits non-zero on invalid configuration', { timeout: 30_000 }, async () => {
    const result = await runChildServerToExit({ DATABASE_PATH: join(tempDir(), 'x.db'), PORT: 'eighty' })
    assert.equal(result.code, 1)
    assert.match(result.stderr, /PORT must be a whole number/)
  })
})
