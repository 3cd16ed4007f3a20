// A real HTTP receiver on 127.0.0.1 for webhook tests: it verifies each delivery's signature with the
// standardwebhooks package and answers what the test tells it to (fail, hang, answer megabytes).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'

export interface ReceivedEvent {
  id: string
  type: string
  timestamp: string
  data: Record<string, unknown>
  /** Whether the signature verified with the secret the receiver was given. */
  verified: boolean
}

export type Responder = (request: IncomingMessage, response: ServerResponse, attempt: number) => void

export interface WebhookReceiver {
  url: string
  /** Every request, in arrival order (failed ones included). */
  requests: Array<{ headers: IncomingMessage['headers'], body: string }>
  /** Events answered with 2xx, in arrival order. */
  accepted: ReceivedEvent[]
  setSecret: (secret: string) => void
  respond: (responder: Responder) => void
  /** Resolves when `predicate` holds, or rejects after timeoutMs. */
  waitFor: (predicate: () => boolean, timeoutMs?: number) => Promise<void>
  close: () => Promise<void>
}

export const answer = (status: number): Responder => (_request, response) => { response.writeHead(status).end() }

export async function startReceiver (): Promise<WebhookReceiver> {
  let verifier: Webhook | undefined
  let responder: Responder = answer(204)
  const requests: WebhookReceiver['requests'] = []
  const accepted: ReceivedEvent[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      requests.push({ headers: request.headers, body })
      const original = response.writeHead.bind(response)
      response.writeHead = ((status: number, ...rest: unknown[]) => {
        if (status >= 200 && status < 300) {
          let verified = false
          try {
            verifier?.verify(body, request.headers as Record<string, string>)
            verified = verifier !== undefined
          } catch { verified = false }
          const event = JSON.parse(body) as Omit<ReceivedEvent, 'id' | 'verified'>
          accepted.push({ id: String(request.headers['webhook-id']), ...event, verified })
        }
        return (original as (...args: unknown[]) => ServerResponse)(status, ...rest)
      }) as ServerResponse['writeHead']
      responder(request, response, requests.length)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    accepted,
    setSecret: (secret) => { verifier = new Webhook(secret) },
    respond: (next) => { responder = next },
    waitFor: async (predicate, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for the receiver (${requests.length} requests so far)`)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
