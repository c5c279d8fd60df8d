/**
 * What the benchmarks read about the server from /proc (Linux): its process group (`next start`, the server and the
 * model workers) is what serves, so CPU and memory are summed over the group.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's CPU fields (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function groupStats(pgid: number): { cpuTicks: number; rssKb: number } {
  let cpuTicks = 0;
  let rssKb = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after "(comm) ": state is field 3, so field n sits at index n - 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5: the process group
      cpuTicks += Number(fields[11]) + Number(fields[12]); // fields 14 and 15: utime, stime
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'));
      rssKb += Number(rss?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return { cpuTicks, rssKb };
}

/** User + system CPU seconds used so far by the process group (10 ms resolution: measure batches). */
export function cpuSecondsOfGroup(pgid: number): number {
  return groupStats(pgid).cpuTicks / TICKS_PER_SECOND;
}

/** Resident memory of the process group, MB. */
export function groupRssMb(pgid: number): number {
  return Math.round(groupStats(pgid).rssKb / 1024);
}
