// npm run build (after tsc): web/ -> dist/web, content-hashed and precompressed.
import { join } from 'node:path'
import { projectRoot } from '../project-root.js'
import { buildWebAssets } from '../web-app/build-assets.js'

const outDir = join(projectRoot, 'dist', 'web')
const manifest = buildWebAssets(join(projectRoot, 'web'), outDir)
const total = manifest.files.reduce((sum, file) => sum + (file.br ?? file.bytes), 0)
console.log(`web app: ${manifest.files.length} files in ${outDir} (${(total / 1024).toFixed(1)} KiB with brotli)`)
