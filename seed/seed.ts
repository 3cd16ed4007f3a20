// `npm run db:seed`: adds whatever of seed/PROMPTS.md the store at DATABASE_PATH lacks. Safe to re-run.
import { runCli } from '../src/cli/run-cli.js'
import { loadConfig } from '../src/config.js'
import { openStore } from '../src/db/open.js'
import { Library } from '../src/services/library.js'
import { seedFromFile } from '../src/services/seed-from-file.js'

runCli(() => {
  const config = loadConfig()
  const store = openStore(config.databasePath)
  try {
    const report = seedFromFile(new Library(store))
    return `seeded ${config.databasePath}: ${report.categoriesCreated} categories and ${report.promptsCreated} prompts added`
  } finally {
    store.sqlite.close()
  }
})
