// The baseline for `npm run bench`: a bare Fastify route answering a small JSON object.
import Fastify from 'fastify'

const app = Fastify()
app.get('/bare', async () => ({ ok: true }))
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
