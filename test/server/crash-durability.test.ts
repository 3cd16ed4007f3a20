// Starts the real server as a child process, kills it with SIGKILL right after writes are acknowledged,
// restarts it on the same file and reads every acknowledged write back. Also races writers in two processes.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { projectRoot } from '../../src/project-root.js'
import { buildTestApp, TEST_ADMIN_KEY, testEnv, type TestApp } from '../helpers/test-app.js'

const AUTH = { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' }

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

interface Answer { status: number, headers: Headers, body: any }

describe('durability across SIGKILL, and writers in two processes', { timeout: 90_000 }, () => {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-crash-'))
  let port: number
  let child: ChildProcess | undefined

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: body === undefined ? { authorization: AUTH.authorization, ...headers } : { ...AUTH, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5000)
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) }
  }

  const start = async (): Promise<void> => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: projectRoot,
      env: { ...process.env, ...testEnv(directory, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' }) },
      stdio: ['ignore', 'ignore', 'inherit']
    })
    const deadline = Date.now() + 20_000
    while (Date.now() < deadline) {
      assert.equal(child.exitCode, null, 'the server exited while starting')
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1000) })
        if (res.ok) return
      } catch { /* not listening yet */ }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.fail('the server did not become ready within 20 s')
  }

  const killHard = async (): Promise<void> => {
    const running = child!
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
    child = undefined
  }

  before(async () => { port = await freePort() })
  after(async () => {
    if (child && child.exitCode === null) await killHard()
    rmSync(directory, { recursive: true, force: true })
  })

  it('reads back every write acknowledged before a SIGKILL', async () => {
    await start()
    const created: Answer[] = []
    for (let i = 1; i <= 4; i++) {
      const headers: Record<string, string> = i === 4 ? { 'idempotency-key': 'crash-key' } : {}
      created.push(await call('POST', '/v1/prompts', { category: 'sagas', template: `Durable prompt ${i} about {{topic}}`, tags: [`durable-${i}`] }, headers))
    }
    assert.deepEqual(created.map((res) => res.status), [201, 201, 201, 201])
    const sagas1 = await call('GET', '/v1/prompts/sagas-1')
    assert.equal((await call('PATCH', '/v1/prompts/sagas-1', { template: 'Edited before the crash: {{specific_distributed_transaction}}' }, { 'if-match': sagas1.headers.get('etag')! })).status, 200)
    assert.equal((await call('PUT', '/v1/prompts/sagas-1/labels/production', { version: 2 })).status, 200)
    assert.equal((await call('DELETE', '/v1/prompts/sagas-3')).status, 204)
    const last = await call('POST', '/v1/prompts', { id: 'last-write', category: 'sagas', template: 'The very last write' })
    assert.equal(last.status, 201)
    await killHard()

    await start()
    for (const [index, res] of created.entries()) {
      const read = await call('GET', res.headers.get('location')!)
      assert.equal(read.status, 200)
      assert.equal(read.body.template, `Durable prompt ${index + 1} about {{topic}}`)
      assert.deepEqual(read.body.tags, [`durable-${index + 1}`])
    }
    const replay = await call('POST', '/v1/prompts', { category: 'sagas', template: 'Durable prompt 4 about {{topic}}', tags: ['durable-4'] }, { 'idempotency-key': 'crash-key' })
    assert.equal(replay.status, 201)
    assert.equal(replay.headers.get('idempotent-replayed'), 'true')
    assert.equal(replay.headers.get('location'), created[3]!.headers.get('location'))
    const edited = await call('GET', '/v1/prompts/sagas-1')
    assert.equal(edited.body.version, 2)
    assert.match(edited.body.template, /^Edited before the crash/)
    assert.equal((await call('GET', '/v1/prompts/sagas-1?label=production')).body.version, 2)
    assert.equal((await call('GET', '/v1/prompts/sagas-1/versions')).body.items.length, 2)
    assert.equal((await call('GET', '/v1/prompts/sagas-3')).status, 404)
    assert.equal((await call('GET', '/v1/prompts/last-write')).status, 200)

    // One more round: a single write, killed the moment it is acknowledged.
    const patched = await call('PATCH', '/v1/prompts/last-write', { template: 'Changed, then killed' }, { 'if-match': '"last-write.v1"' })
    assert.equal(patched.status, 200)
    await killHard()
    await start()
    const after = await call('GET', '/v1/prompts/last-write')
    assert.equal(after.body.template, 'Changed, then killed')
    assert.equal(after.headers.get('etag'), '"last-write.v2"')
  })

  it('lets exactly one writer win when two processes PATCH with one ETag', async () => {
    assert.ok(child, 'the server from the previous test is running')
    let local: TestApp | undefined
    try {
      // A second app in this process, on the same database file as the child server.
      local = await buildTestApp({}, directory)
      const etag = '"sagas-2.v1"'
      const body = (who: string): Record<string, string> => ({ template: `Written by ${who} {{x}}` })
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => i % 2 === 0
        ? call('PATCH', '/v1/prompts/sagas-2', body(`child ${i}`), { 'if-match': etag }).then((res) => res.status)
        : local!.http.patch('/v1/prompts/sagas-2').set(AUTH).set('if-match', etag).send(body(`local ${i}`)).then((res) => res.status)))
      assert.deepEqual(answers.sort(), [200, ...Array(11).fill(412)])
      const versions = await call('GET', '/v1/prompts/sagas-2/versions')
      assert.equal(versions.body.items.length, 2)
    } finally {
      // Closing only the app: the folder belongs to this suite.
      await local?.app.close()
    }
  })
})
