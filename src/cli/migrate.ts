// `npm run db:migrate`: applies pending migrations to DATABASE_PATH and exits.
import { loadConfig } from '../config.js'
import { openStore } from '../db/open.js'
import { runCli } from './run-cli.js'

runCli(() => {
  const config = loadConfig()
  const store = openStore(config.databasePath)
  store.sqlite.close()
  return `migrations applied to ${config.databasePath}`
})
