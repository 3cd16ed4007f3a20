// One webhook POST: to the address that was checked (the DNS answer is checked, then connected to, so a name
// cannot resolve to a public address for the check and a private one for the connection), no redirects,
// a deadline for the whole exchange, and at most a few KiB of the response read.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { type Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import { checkWebhookUrl, isForbiddenAddress } from '../domain/ssrf-guard.js'

export const MAX_RESPONSE_BYTES = 4096

export interface PostResult {
  /** The response's status, or null when none came (refused, timed out, failed to connect). */
  status: number | null
  durationMs: number
  error: string | null
}

export interface PostOptions {
  timeoutMs: number
  allowPrivateNetworks: boolean
  signal?: AbortSignal
  /** Keep-alive agents to reuse connections with; without them each post has a connection of its own. */
  agents?: { http: HttpAgent, https: HttpsAgent }
  /** The DNS lookup to check and connect with (dns.lookup; tests give names of their own). */
  resolve?: typeof dnsLookup
}

class ForbiddenDestinationError extends Error {}

/** A lookup that fails when any address of the name is one a webhook must not reach. */
function guardedLookup (allowPrivate: boolean, resolve: typeof dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { all: true, family: options.family ?? 0 }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0)
      if (!allowPrivate) {
        const forbidden = addresses.find((entry) => isForbiddenAddress(entry.address))
        if (forbidden) return callback(new ForbiddenDestinationError(`${hostname} resolves to a private, loopback or link-local address (${forbidden.address})`), '', 0)
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0)
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses)
      callback(null, addresses[0]!.address, addresses[0]!.family)
    })
  }
}

export function postWebhook (url: string, headers: Record<string, string>, body: string, options: PostOptions): Promise<PostResult> {
  const started = performance.now()
  const elapsed = (): number => Math.round(performance.now() - started)
  // Checked again at each delivery: the allowance may have changed since the subscription was made.
  const checked = checkWebhookUrl(url, options.allowPrivateNetworks)
  if ('problem' in checked) return Promise.resolve({ status: null, durationMs: 0, error: `the URL ${checked.problem}` })
  if (options.signal?.aborted) return Promise.resolve({ status: null, durationMs: 0, error: 'aborted: the service is shutting down' })
  return new Promise((resolve) => {
    let settled = false
    const finish = (status: number | null, error: string | null): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      resolve({ status, durationMs: elapsed(), error })
    }
    const target = new URL(url)
    const secure = target.protocol === 'https:'
    const send = secure ? httpsRequest : httpRequest
    const request = send(target, {
      method: 'POST',
      agent: options.agents ? (secure ? options.agents.https : options.agents.http) : false,
      lookup: guardedLookup(options.allowPrivateNetworks, options.resolve ?? dnsLookup),
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'promptshelf-webhooks' }
    })
    const timer = setTimeout(() => {
      request.destroy()
      finish(null, `no complete answer within ${options.timeoutMs} ms`)
    }, options.timeoutMs)
    const onAbort = (): void => {
      request.destroy()
      finish(null, 'aborted: the service is shutting down')
    }
    options.signal?.addEventListener('abort', onAbort)
    request.on('error', (error) => finish(null, error instanceof ForbiddenDestinationError ? error.message : `${(error as NodeJS.ErrnoException).code ?? 'error'}: ${error.message}`))
    request.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0
      const chunks: Buffer[] = []
      let size = 0
      const done = (): void => {
        const text = Buffer.concat(chunks).toString('utf8').slice(0, 200)
        finish(status, status >= 200 && status < 300 ? null : `answered ${status}${text === '' ? '' : `: ${text}`}`)
      }
      response.on('data', (chunk: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size))
        size += chunk.length
        // The status is all that counts: a receiver that answers megabytes is not read to the end (nor its connection kept).
        if (size >= MAX_RESPONSE_BYTES) {
          done()
          response.destroy()
        }
      })
      response.on('end', done)
      response.on('error', done)
    })
    request.end(body)
  })
}
