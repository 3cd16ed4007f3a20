import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
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

function requestLines (lines: readonly string[]): Array<Record<string, unknown>> {
  return lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === 'request')
}

/** Waits (at most 10 s) until check holds. */
async function until (check: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !check();) {
    if (Date.now() - started > 10_000) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

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
      // A request in flight when SIGTERM arrives still gets its answer: its body is only half sent when the
      // signal comes, so it cannot have been answered before; the rest follows once the server says it is closing.
      const body = JSON.stringify({ variables: { specific_distributed_transaction: 'hotel booking' } })
      const late = request(`${server.baseUrl}/v1/prompts/sagas-1/render`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
      })
      const answer = new Promise<{ status: number, text: string }>((resolve, reject) => {
        late.on('response', (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => { text += chunk.toString() })
          res.on('end', () => resolve({ status: res.statusCode!, text }))
        })
        late.on('error', reject)
      })
      let answered = false
      void answer.then(() => { answered = true }, () => { answered = true })
      late.write(body.slice(0, 10))
      await until(() => server.lines.length > 0 && requestLines(server.lines).length === 3, 'the earlier requests are logged')
      await new Promise((resolve) => setTimeout(resolve, 200))
      server.child.kill('SIGTERM')
      await until(() => server.lines.some((line) => line.includes('shutting down')), 'the server takes the signal')
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.equal(answered, false, 'the request was still in flight when the signal came')
      late.end(body.slice(10))
      const { status, text } = await answer
      assert.equal(status, 200)
      assert.equal((JSON.parse(text) as { text: string }).text.includes('hotel booking'), true)
      assert.equal(await server.exited, 0)
      const shutdownAt = server.lines.findIndex((line) => line.includes('shutting down'))
      assert.ok(server.lines.slice(shutdownAt).some((line) => line.includes('"route":"/v1/prompts/:id/render"') && line.includes('"status":200')),
        'the render was answered after the signal')
    } finally {
      server.child.kill('SIGKILL')
    }
    const output = server.lines.join('\n') + server.stderr()
    assert.ok(!output.includes('very-secret-key-value'), 'no secret in the logs')
    const requests = requestLines(server.lines)
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
