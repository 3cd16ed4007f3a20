import { runImport } from './library-files.js'
import { runCli } from './run-cli.js'

runCli(() => runImport(process.argv.slice(2)))
