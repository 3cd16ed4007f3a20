// Builds the web app for serving: every asset under web/ gets a content-hashed name (so it can be cached
// for good), the references to it in index.html and in the ES modules' imports are rewritten to that
// name, and each text asset is written beside its brotli and gzip forms. No bundler: the modules stay as
// written, only renamed.
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, extname, join, posix, relative, sep } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

export const APP_PREFIX = '/app/'
export const ASSETS_PREFIX = '/app/assets/'
export const MANIFEST_FILE = 'manifest.json'
const ENTRY = 'index.html'
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt'])
/** import … from './x.js', export … from './x.js', import('./x.js'), import './x.js' */
const JS_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\2/g
/** href="…" and src="…" in index.html that point at a file of the app (not absolute, not another origin). */
const HTML_REFERENCE = /\b(href|src)="(?![a-z][a-z0-9+.-]*:|\/|#)([^"]+)"/g

export interface WebManifest {
  /** Source path (posix, relative to web/) -> served path under /app/assets/. */
  assets: Record<string, string>
  /** Every file written, relative to the output folder, with its size and compressed sizes in bytes. */
  files: Array<{ path: string, bytes: number, br?: number, gzip?: number }>
}

function listFiles (root: string, folder = root): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.name.startsWith('.')) return []
    return entry.isDirectory() ? listFiles(root, path) : [relative(root, path).split(sep).join('/')]
  })
}

function hashedName (source: string, content: Buffer): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12)
  const extension = posix.extname(source)
  return `${source.slice(0, -extension.length)}.${hash}${extension}`
}

export function buildWebAssets (sourceDir: string, outDir: string): WebManifest {
  const sources = listFiles(sourceDir)
  if (!sources.includes(ENTRY)) throw new Error(`web app: ${join(sourceDir, ENTRY)} is missing`)
  const served = new Map<string, string>()
  const contents = new Map<string, Buffer>()
  const visiting = new Set<string>()

  // A module's name hashes its rewritten text, so its imports are named first (depth first; cycles refused).
  const build = (source: string): string => {
    const done = served.get(source)
    if (done) return done
    if (!sources.includes(source)) throw new Error(`web app: ${source} is referenced but does not exist`)
    if (visiting.has(source)) throw new Error(`web app: an import cycle runs through ${source}`)
    visiting.add(source)
    let content = readFileSync(join(sourceDir, source))
    if (extname(source) === '.js') {
      content = Buffer.from(content.toString('utf8').replace(JS_IMPORT, (_all, lead: string, quote: string, specifier: string) =>
        `${lead}${quote}${build(posix.join(posix.dirname(source), specifier))}${quote}`))
    }
    const path = ASSETS_PREFIX + hashedName(source, content)
    visiting.delete(source)
    served.set(source, path)
    contents.set(path, content)
    return path
  }

  const html = readFileSync(join(sourceDir, ENTRY), 'utf8').replace(HTML_REFERENCE, (_all, attribute: string, reference: string) =>
    `${attribute}="${build(posix.normalize(reference))}"`)
  // Assets nothing references still get a name (a stray file is served, not lost).
  for (const source of sources) if (source !== ENTRY) build(source)
  // Every module is fetched at once instead of import by import.
  const preloads = [...served].filter(([source]) => extname(source) === '.js').map(([, path]) => `<link rel="modulepreload" href="${path}">\n`).join('')
  const page = html.replace('</head>', preloads + '</head>')

  rmSync(outDir, { recursive: true, force: true })
  const files: WebManifest['files'] = []
  const write = (path: string, content: Buffer): void => {
    const target = join(outDir, ...path.split('/'))
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
    const entry: WebManifest['files'][number] = { path, bytes: content.length }
    if (COMPRESSIBLE.has(extname(path))) {
      const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } })
      const gzip = gzipSync(content, { level: 9 })
      // Only where it saves bytes; @fastify/static falls back to the plain file.
      if (br.length < content.length) { writeFileSync(target + '.br', br); entry.br = br.length }
      if (gzip.length < content.length) { writeFileSync(target + '.gz', gzip); entry.gzip = gzip.length }
    }
    files.push(entry)
  }
  write(ENTRY, Buffer.from(page))
  for (const [path, content] of contents) write(path.slice(APP_PREFIX.length), content)
  const manifest: WebManifest = { assets: Object.fromEntries([...served].sort()), files }
  writeFileSync(join(outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
  return manifest
}
