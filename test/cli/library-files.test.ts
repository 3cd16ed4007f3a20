import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { after, describe, it } from 'node:test'
import { projectRoot, seedDocumentPath } from '../../src/project-root.js'

const run = promisify(execFile)
const directory = mkdtempSync(join(tmpdir(), 'promptshelf-cli-'))
after(() => rmSync(directory, { recursive: true, force: true }))

async function cli (script: string, args: string[], databasePath: string): Promise<{ code: number, stdout: string, stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(projectRoot, script), ...args],
      { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath }, timeout: 30_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number, stdout: string, stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('npm run export / npm run import', () => {
  it('exports the seeded store byte for byte, and imports into an empty store', { timeout: 120_000 }, async () => {
    const seeded = join(directory, 'seeded.db')
    assert.equal((await cli('seed/seed.ts', [], seeded)).code, 0)
    const markdown = join(directory, 'out.md')
    const exported = await cli('src/cli/export.ts', ['--out', markdown], seeded)
    assert.equal(exported.code, 0, exported.stderr)
    assert.equal(readFileSync(markdown, 'utf8'), readFileSync(seedDocumentPath, 'utf8'))

    const json = join(directory, 'out.json')
    assert.equal((await cli('src/cli/export.ts', ['--out', json, '--format', 'json', '--history'], seeded)).code, 0)
    assert.equal(JSON.parse(readFileSync(json, 'utf8')).prompts[0].versions.length, 1)

    const empty = join(directory, 'empty.db')
    assert.equal((await cli('src/cli/migrate.ts', [], empty)).code, 0)
    const dry = await cli('src/cli/import.ts', [markdown, '--dry-run'], empty)
    assert.equal(dry.code, 0, dry.stderr)
    assert.equal(JSON.parse(dry.stdout.split('\n')[0]!).created.length, 150)
    assert.match(dry.stdout, /dry run: nothing was written/)
    const real = await cli('src/cli/import.ts', [json], empty)
    assert.equal(JSON.parse(real.stdout).created.length, 150)
    const again = await cli('src/cli/import.ts', [markdown], empty)
    assert.deepEqual(JSON.parse(again.stdout), { created: [], updated: [], unchanged: 150 })
  })

  it('fails with a one-line message on a broken document or bad options', { timeout: 60_000 }, async () => {
    const store = join(directory, 'broken.db')
    const broken = join(directory, 'broken.md')
    writeFileSync(broken, '## 1. A\n\n```\n"never closed"\n')
    const result = await cli('src/cli/import.ts', [broken], store)
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^promptshelf: line 3: this code block is never closed/)
    assert.equal((await cli('src/cli/export.ts', ['--format', 'yaml', '--out', join(directory, 'x')], store)).code, 1)
  })

  it('checks a JSON file against the import schema and the write limits', { timeout: 60_000 }, async () => {
    const store = join(directory, 'limits.db')
    const library = (prompt: Record<string, unknown>): string => JSON.stringify({ format: 'promptshelf-library', formatVersion: 1, categories: [{ slug: 'notes', name: 'Notes', parent: null }], prompts: [{ id: 'notes-1', category: 'notes', ...prompt }] })
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ template: 'x'.repeat(100_001) }, /template must not have more than 100000 characters/],
      [{ template: 'ok', extra: true }, /^promptshelf: the JSON library: /],
      [{ template: 'ok', tags: ['UPPER'] }, /tags\/0 must match pattern/]
    ]
    for (const [index, [prompt, message]] of cases.entries()) {
      const file = join(directory, `limits-${index}.json`)
      writeFileSync(file, library(prompt))
      const result = await cli('src/cli/import.ts', [file], store)
      assert.equal(result.code, 1, result.stdout)
      assert.match(result.stderr, message)
    }
  })
})
