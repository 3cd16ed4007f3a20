// Where promptshelf's log lines go: stdout, in batches. One system call per line cost more CPU than the rest of
// the request logging, so lines are kept until 4 KiB have gathered, at most FLUSH_INTERVAL_MS, and on exit; a
// process killed with SIGKILL loses at most that interval. pino's own destination (sonic-boom) measures the
// bytes of its whole pending batch on every line; this one only appends.
import { writeSync } from 'node:fs'
import type { DestinationStream } from 'pino'

const BATCH_CHARS = 4096
export const FLUSH_INTERVAL_MS = 100
/** How long a flush waits for a full pipe to drain before the batch is dropped: the service never stalls on its log. */
const DRAIN_WAIT_MS = 1000

export class BatchedLineWriter implements DestinationStream {
  private lines: string[] = []
  private chars = 0

  constructor (private readonly fd: number) {}

  write (line: string): void {
    this.lines.push(line)
    this.chars += line.length
    if (this.chars >= BATCH_CHARS) this.flushSync()
  }

  flushSync (): void {
    if (this.lines.length === 0) return
    const batch = Buffer.from(this.lines.join(''))
    this.lines = []
    this.chars = 0
    writeAll(this.fd, batch)
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4))

/**
 * Writes all of batch, waiting out EAGAIN (stdout may be a non-blocking pipe) for at most DRAIN_WAIT_MS. Any other
 * error (EPIPE: stdout closed under us) drops the batch: there is nowhere left to write it.
 */
function writeAll (fd: number, batch: Buffer): void {
  let written = 0
  const giveUpAt = Date.now() + DRAIN_WAIT_MS
  while (written < batch.length) {
    try {
      written += writeSync(fd, batch, written)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > giveUpAt) return
      Atomics.wait(pause, 0, 0, 1)
    }
  }
}

let stdout: BatchedLineWriter | undefined

/** One batched stdout writer per process, shared by every app built in it (tests build many). */
export function batchedStdout (): DestinationStream {
  if (stdout) return stdout
  const writer = new BatchedLineWriter(1)
  const flush = (): void => writer.flushSync()
  setInterval(flush, FLUSH_INTERVAL_MS).unref()
  process.on('exit', flush)
  stdout = writer
  return writer
}
