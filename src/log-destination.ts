// Where promptshelf's log lines go: stdout, in batches. pino's default writes each line with its own system call,
// one per request, which cost more CPU than the rest of the request logging. Lines are kept until 4 KiB have
// gathered, at most FLUSH_INTERVAL_MS, and on exit; a process killed with SIGKILL loses at most that interval.
import pino, { type DestinationStream } from 'pino'

const BATCH_BYTES = 4096
export const FLUSH_INTERVAL_MS = 100

let stdout: (DestinationStream & { flushSync: () => void }) | undefined

/** One batched stdout stream per process, shared by every app built in it (tests build many). */
export function batchedStdout (): DestinationStream {
  if (stdout) return stdout
  // Synchronous writes of whole batches: no thread-pool round trip, and nothing is pending when the process exits.
  const stream = pino.destination({ dest: 1, sync: true, minLength: BATCH_BYTES })
  const flush = (): void => {
    try {
      stream.flushSync()
    } catch {
      // stdout closed under us (EPIPE): there is nowhere left to write.
    }
  }
  setInterval(flush, FLUSH_INTERVAL_MS).unref()
  process.on('exit', flush)
  stdout = stream
  return stream
}
