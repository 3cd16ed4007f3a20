// The web app's build: content-hashed names, rewritten references and imports, precompressed copies.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { projectRoot } from '../../src/project-root.js'
import { buildWebAssets } from '../../src/web-app/build-assets.js'

const folders: string[] = []
function folder (): string {
  const dir = mkdtempSync(join(tmpdir(), 'promptshelf-build-'))
  folders.push(dir)
  return dir
}

function source (files: Record<string, string>): string {
  const dir = folder()
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

describe('buildWebAssets', () => {
  after(() => { for (const dir of folders) rmSync(dir, { recursive: true, force: true }) })

  it('names each asset by its content and rewrites the page and the imports to those names', () => {
    const src = source({
      'index.html': '<link rel="stylesheet" href="app.css"><script type="module" src="js/main.js"></script><a href="/app/">home</a></head>',
      'app.css': 'body { color: red }',
      'js/main.js': "import { x } from './x.js'\nconst later = () => import('./x.js')\nconsole.log(x, later)\n",
      'js/x.js': `export const x = '${'compressible text '.repeat(20)}'\n`
    })
    const out = folder()
    const manifest = buildWebAssets(src, out)
    const main = manifest.assets['js/main.js']!
    const x = manifest.assets['js/x.js']!
    assert.match(main, /^\/app\/assets\/js\/main\.[0-9a-f]{12}\.js$/)
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    assert.ok(html.includes(`src="${main}"`) && html.includes(`href="${manifest.assets['app.css']}"`))
    assert.ok(html.includes('href="/app/"'), 'absolute links are left alone')
    assert.ok(html.includes(`<link rel="modulepreload" href="${x}">`), html)
    const mainText = readFileSync(join(out, main.slice('/app/'.length)), 'utf8')
    assert.equal(mainText.split(`'${x}'`).length, 3, 'both imports of x.js name its hashed file')
    assert.ok(existsSync(join(out, x.slice('/app/'.length) + '.br')) && existsSync(join(out, x.slice('/app/'.length) + '.gz')))

    // Changing x.js renames it and, through its import, main.js; app.css keeps its name.
    writeFileSync(join(src, 'js/x.js'), "export const x = 'y'.repeat(200)\n")
    const again = buildWebAssets(src, folder())
    assert.notEqual(again.assets['js/x.js'], x)
    assert.notEqual(again.assets['js/main.js'], main)
    assert.equal(again.assets['app.css'], manifest.assets['app.css'])
  })

  it('refuses a missing file and an import cycle', () => {
    assert.throws(() => buildWebAssets(source({ 'index.html': '<script src="js/gone.js"></script>' }), folder()), /js\/gone\.js is referenced but does not exist/)
    assert.throws(() => buildWebAssets(source({
      'index.html': '<script type="module" src="a.js"></script>',
      'a.js': "import './b.js'\n",
      'b.js': "import './a.js'\n"
    }), folder()), /import cycle/)
  })

  it('builds the real app with every module import resolved to a built file', () => {
    const out = folder()
    const manifest = buildWebAssets(join(projectRoot, 'web'), out)
    const served = new Set(Object.values(manifest.assets))
    for (const path of served) {
      if (!path.endsWith('.js')) continue
      const text = readFileSync(join(out, path.slice('/app/'.length)), 'utf8')
      for (const [, specifier] of text.matchAll(/^import [^\n]* from '([^']+)'/gm)) assert.ok(served.has(specifier!), `${path} imports ${specifier}`)
    }
  })
})
