// /app/ over HTTP: the page for every app URL, immutable hashed assets, the security headers, 404s for
// unknown files, the optional-route list, and GET / for browsers and for other clients.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { projectRoot } from '../../src/project-root.js'
import { buildWebAssets, type WebManifest } from '../../src/web-app/build-assets.js'
import { buildTestApp, type TestApp } from '../helpers/test-app.js'

describe('web app plugin', () => {
  let t: TestApp
  let dir: string
  let manifest: WebManifest

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'promptshelf-web-'))
    manifest = buildWebAssets(join(projectRoot, 'web'), dir)
    t = await buildTestApp({ WEB_APP_DIR: dir })
  })
  after(async () => {
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves index.html for the app and every page URL, uncached, with a strict CSP', async () => {
    for (const path of ['/app/', '/app/prompts/sagas-1', '/app/prompts/sagas-1/edit', '/app/?q=saga', '/app/new']) {
      const res = await t.http.get(path).expect(200)
      assert.match(res.headers['content-type']!, /^text\/html/, path)
      assert.equal(res.headers['cache-control'], 'no-cache')
      assert.match(res.text, /<script type="module" src="\/app\/assets\/js\/main\.[0-9a-f]{12}\.js"><\/script>/)
      const csp = res.headers['content-security-policy']!
      for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "require-trusted-types-for 'script'"]) {
        assert.ok(csp.split('; ').includes(directive), `${path}: ${directive} in ${csp}`)
      }
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/)
      assert.equal(res.headers['x-content-type-options'], 'nosniff')
      assert.equal(res.headers['x-frame-options'], 'DENY')
    }
    await t.http.get('/app').expect(301).expect('location', '/app/')
  })

  it('has no inline script or style in the page', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8')
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/)
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i)
  })

  it('serves hashed assets precompressed and immutable; unknown files are 404', async () => {
    const main = manifest.assets['js/main.js']!
    const res = await t.http.get(main).set('accept-encoding', 'br, gzip').buffer(true).parse((response, done) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => done(null, Buffer.concat(chunks)))
    }).expect(200)
    assert.equal(res.headers['content-encoding'], 'br')
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.match(res.headers['content-type']!, /javascript/)
    assert.ok(res.headers['content-security-policy'])
    // supertest has decoded the brotli body already.
    assert.equal((res.body as Buffer).toString('utf8'), readFileSync(join(dir, main.slice('/app/'.length)), 'utf8'))
    for (const path of ['/app/assets/js/main.000000000000.js', '/app/favicon.ico', '/app/prompts/sagas-1.json', '/app/assets/']) {
      const missing = await t.http.get(path)
      assert.equal(missing.status, 404, path)
      assert.match(missing.headers['content-type']!, /^application\/problem\+json/, path)
    }
    const icon = await t.http.get(manifest.assets['favicon.svg']!).expect(200)
    assert.match(icon.headers['content-type']!, /^image\/svg\+xml/)
  })

  it('keeps the first load under 150 KB compressed', () => {
    const sizes = manifest.files.filter((file) => !file.path.endsWith('.map')).map((file) => file.br ?? file.bytes)
    const total = sizes.reduce((sum, size) => sum + size, 0)
    assert.ok(total < 150 * 1024, `${total} bytes`)
  })

  it('lists which optional API routes this service has', async () => {
    const res = await t.http.get('/app/features.json').expect(200)
    assert.deepEqual(res.body, { diff: true, labels: true, labelHistory: true, rollback: true, labelDelete: true })
  })

  it('sends browsers from / to the app and gives other clients an index', async () => {
    await t.http.get('/').set('accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8').expect(302).expect('location', '/app/')
    const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }
    for (const accept of ['application/json', '*/*', 'text/html;q=0, application/json']) {
      const res = await t.http.get('/').set('accept', accept).expect(200)
      assert.deepEqual(res.body, { name: 'promptshelf', version, docs: '/docs', openapi: '/openapi.json', app: '/app/' }, accept)
      assert.equal(res.headers.vary, 'Accept')
    }
    const doc = (await t.http.get('/openapi.json').expect(200)).body
    assert.ok(doc.paths['/'].get.responses['200'])
  })
})

describe('web app not built', () => {
  it('answers 503 under /app/ and still serves the API and the index', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'promptshelf-web-empty-'))
    const t = await buildTestApp({ WEB_APP_DIR: empty })
    try {
      const res = await t.http.get('/app/').expect(503)
      assert.match(res.text, /npm run build/)
      await t.http.get('/').expect(200)
      await t.http.get('/v1/prompts/sagas-1').expect(200)
    } finally {
      await t.close()
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
