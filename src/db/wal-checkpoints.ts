// Checkpoints of the write-ahead log off the thread that answers requests. SQLite's default has the connection
// whose commit takes the log past 1,000 pages copy them into the database file and sync it, inside that commit:
// on the request thread, which commits most, that was about a tenth of the CPU of a write (more while the webhook
// deliverer's own commits added pages). The deliverer's thread, which has a connection of its own, runs a passive
// checkpoint every CHECKPOINT_EVERY_MS instead (it waits for no reader or writer); the request thread's connection
// checkpoints itself only past FALLBACK_PAGES, should that thread not be running.
import type { Sqlite } from './connection.js'

export const CHECKPOINT_EVERY_MS = 100
const FALLBACK_PAGES = 10_000

/** For the request thread's connection, once a background thread checkpoints the file. */
export function leaveCheckpointsToBackground (sqlite: Sqlite): void {
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`)
}

/** Checkpoints the file through sqlite every CHECKPOINT_EVERY_MS, until the returned function is called. */
export function checkpointInBackground (sqlite: Sqlite, onError: (error: Error) => void): () => void {
  const checkpoint = sqlite.prepare('PRAGMA wal_checkpoint(PASSIVE)')
  const timer = setInterval(() => {
    try {
      checkpoint.run()
    } catch (error) {
      // SQLITE_BUSY (another connection is checkpointing) or a closing database: the next turn tries again.
      onError(error as Error)
    }
  }, CHECKPOINT_EVERY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
