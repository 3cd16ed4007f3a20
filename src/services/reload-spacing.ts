// When to re-read a copy of something the store holds (the search vocabulary, the document categories) after a
// write has made it stale. A copy that reads fast is re-read at once; a costly one at most every RELOAD_SPACING
// times its read time, so that while writes keep coming, searches spend at most a tenth of their time re-reading.
const RELOAD_SPACING = 10

/** When a copy was read, and how long the reading took. */
export interface ReadTiming {
  loadedAt: number
  loadMs: number
}

/** Whether a stale copy (or none yet) is to be read again now; cheapMs: a read this fast is always fine. */
export function reloadDue (loaded: ReadTiming | undefined, cheapMs: number): boolean {
  return loaded === undefined || loaded.loadMs <= cheapMs || performance.now() - loaded.loadedAt >= loaded.loadMs * RELOAD_SPACING
}
