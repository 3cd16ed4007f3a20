// The yardstick: a bare Fastify route with no plugins, no logging and no database.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/bare', async () => ({ hello: 'world' }))
const address = await app.listen({ host: '127.0.0.1', port: 0 })
process.stdout.write(`listening ${address}\n`)
process.once('SIGTERM', () => { void app.close().then(() => process.exit(0)) })
