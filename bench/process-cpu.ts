// CPU time a process (or one of its threads) has used, from /proc: what the benches divide by the requests served.
import { readFileSync } from 'node:fs'

/** Clock ticks per second of /proc/PID/stat (getconf CLK_TCK; 100 on Linux). */
const TICKS_PER_SECOND = 100

/** utime + stime so far, in seconds, of process pid, or only of its thread tid (the main thread's tid is pid). */
export function cpuSeconds (pid: number, tid?: number): number {
  const stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8')
  // Fields after the command name (which is in parentheses and may hold spaces); utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}
