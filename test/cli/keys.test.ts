import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { keysCommand } from '../../src/cli/keys-command.js'
import { loadConfig } from '../../src/config.js'
import { projectRoot } from '../../src/project-root.js'
import { buildTestApp, testEnv } from '../helpers/test-app.js'

const run = promisify(execFile)

describe('npm run keys', () => {
  const directory = mkdtempSync(join(tmpdir(), 'promptshelf-cli-'))
  const env = testEnv(directory)
  const config = loadConfig(env)
  after(() => { rmSync(directory, { recursive: true, force: true }) })

  it('creates a key from the command line that the service accepts with its budget', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/keys.ts'),
      'create', '--name', 'deploy bot', '--scopes', 'prompts:read,prompts:write', '--max', '5', '--window', '60'],
    { env: { ...process.env, ...env }, cwd: projectRoot })
    const [summary, , secret] = stdout.trim().split('\n')
    assert.match(summary!, /^created key_\S+ "deploy bot" scopes=prompts:read,prompts:write limit=5\/60s$/)
    assert.match(secret!, /^psk_[A-Za-z0-9_-]{43}$/)
    const t = await buildTestApp({}, directory)
    try {
      const res = await t.http.get('/v1/prompts?category=sagas').set('authorization', `Bearer ${secret!}`).expect(200)
      assert.equal(res.headers['x-ratelimit-limit'], '5')
    } finally {
      await t.app.close()
    }
  })

  it('lists keys without their secrets, and revokes one', () => {
    const secret = keysCommand(['create', '--name', 'lister', '--scopes', 'admin'], config).split('\n')[2]!
    const id = keysCommand(['list'], config).split('\n').find((line) => line.includes('"lister"'))!.split('\t')[0]!
    const line = new RegExp(`^${id}\\t${secret.slice(0, 10)}…\\t"lister"\\tadmin\\t100000/60s\\tlive$`, 'm')
    assert.match(keysCommand(['list'], config), line)
    assert.ok(!keysCommand(['list'], config).includes(secret))
    assert.equal(keysCommand(['revoke', id], config), `revoked ${id}`)
    assert.match(keysCommand(['list'], config), new RegExp(`^${id}\\t.*\\trevoked \\d{4}-`, 'm'))
  })

  it('refuses bad input with a reason', () => {
    const cases: Array<[string[], RegExp]> = [
      [['create', '--name', 'x', '--scopes', 'root'], /unknown scope "root"/],
      [['create', '--scopes', 'admin'], /--name is required/],
      [['create', '--name', '\u001b[2Jowned', '--scopes', 'admin'], /no control characters/],
      [['create', '--name', 'x'], /--scopes is required/],
      [['create', '--name', 'x', '--scopes', 'admin', '--max', '0'], /--max must be a whole number/],
      [['create', '--name', 'x', '--scopes', 'admin', '--window', '1.5'], /--window must be a whole number/],
      [['revoke', 'key_nope'], /no API key with the id "key_nope"/],
      [['revoke'], /revoke needs a key id/],
      [['frobnicate'], /usage:/]
    ]
    for (const [args, reason] of cases) assert.throws(() => keysCommand(args, config), reason)
  })
})
