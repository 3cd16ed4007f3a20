// `npm run keys -- create --name NAME --scopes prompts:read,prompts:write [--max N --window SECONDS]`,
// `npm run keys -- list`, `npm run keys -- revoke KEY_ID`: manage API keys on DATABASE_PATH.
import { loadConfig } from '../config.js'
import { keysCommand } from './keys-command.js'
import { runCli } from './run-cli.js'

runCli(() => keysCommand(process.argv.slice(2), loadConfig()))
