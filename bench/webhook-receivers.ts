// Three webhook receivers on 127.0.0.1 in a process of their own, for bench:webhooks. Each answers 204;
// GET /count on any of them answers how many deliveries all three have received.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

let received = 0
for (let i = 0; i < 3; i++) {
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      if (request.method === 'GET') return response.writeHead(200, { 'content-type': 'text/plain' }).end(String(received))
      received++
      response.writeHead(204).end()
    })
  })
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`)
  })
}
