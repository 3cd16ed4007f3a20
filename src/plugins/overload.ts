// Load shedding through @fastify/under-pressure: while the event loop lags past OVERLOAD_MAX_EVENT_LOOP_DELAY_MS
// (the mean of the last sample period), requests are refused at once with a 503 problem and Retry-After instead of
// queueing without bound. /healthz (the process is up) and /metrics (to watch the overload) keep answering.
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { pathOf, problemType, sendProblem } from './problem-errors.js'

/** Routes that answer whatever the load. */
export const NEVER_SHED = new Set(['/healthz', '/metrics'])
export const OVERLOAD_RETRY_AFTER_SECONDS = 2
const SAMPLE_INTERVAL_MS = 250

async function overload (app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  if (config.overloadMaxEventLoopDelayMs === 0) return
  // Starting (compiling every route's schemas, listening) lags the loop once; that is not overload. The samples
  // that may hold it pass before shedding begins.
  let shedFrom = Infinity
  // setImmediate: counted from the end of every onReady hook's work (the OpenAPI document is built in one).
  app.addHook('onReady', async () => { setImmediate(() => { shedFrom = Date.now() + 3 * SAMPLE_INTERVAL_MS }) })
  await app.register(underPressure, {
    maxEventLoopDelay: config.overloadMaxEventLoopDelayMs,
    // Sampled often enough that shedding starts and stops within a fraction of a second.
    sampleInterval: SAMPLE_INTERVAL_MS,
    pressureHandler: (request, reply, _type, value) => {
      if (NEVER_SHED.has(request.routeOptions.url ?? '') || Date.now() < shedFrom) return
      // Sent from here, not thrown: a 503 per shed request must not also cost an error log line. Fastify runs
      // nothing more for a request whose reply is sent.
      reply.header('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS))
      void sendProblem(reply, {
        type: problemType('Service Unavailable'),
        title: 'Service Unavailable',
        status: 503,
        detail: `the service is overloaded (event-loop delay ${Math.round(Number(value))} ms); retry after ${OVERLOAD_RETRY_AFTER_SECONDS} s`,
        instance: pathOf(request)
      })
    }
  })
}

export default fp(overload, { name: 'overload' })
