// collectStartupGarbage: after many short-lived plain objects with fresh first property names (what schema
// compilation makes at start), new plain objects share shapes again only once it has run.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { promisify } from 'node:util'
import { projectRoot } from '../../src/project-root.js'

const run = promisify(execFile)

// Run in a child with V8's natives syntax, which shows whether two objects share a map (hidden class).
const SCRIPT = `
import { collectStartupGarbage } from ${JSON.stringify(join(projectRoot, 'src', 'startup-garbage.ts'))}
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)')
const fresh = (key) => { const object = {}; object[key] = 1; return object }
for (let i = 0; i < 3000; i++) fresh('generated' + i)
const before = sameMap(fresh('host'), fresh('host'))
collectStartupGarbage()
const after = sameMap(fresh('accept'), fresh('accept'))
console.log(JSON.stringify({ before, after }))
`

describe('collectStartupGarbage', () => {
  it('lets new plain objects share a shape again after start-up garbage filled the transitions', async () => {
    const { stdout } = await run(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '--eval', SCRIPT], { cwd: projectRoot, timeout: 30_000 })
    assert.deepEqual(JSON.parse(stdout.trim().split('\n').pop()!), { before: false, after: true })
  })
})
