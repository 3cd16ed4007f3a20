// `npm run openapi:dump [-- file]`: writes the OpenAPI document the service serves, built in-process on an
// in-memory store, to a file (or stdout). The API linters and the client's type generator read it.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { buildApp } from '../app.js'
import { loadConfig } from '../config.js'

const target = process.argv[2]
if (target) mkdirSync(dirname(target), { recursive: true })
const app = await buildApp({ ...loadConfig({ LOG_LEVEL: 'silent' }), databasePath: ':memory:', seedOnStart: false })
try {
  await app.ready()
  const document = JSON.stringify(app.swagger(), null, 2) + '\n'
  if (target) writeFileSync(target, document)
  else process.stdout.write(document)
} finally {
  await app.close()
}
