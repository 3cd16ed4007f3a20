import { runExport } from './library-files.js'
import { runCli } from './run-cli.js'

runCli(() => runExport(process.argv.slice(2)))
