// What an app costs in memory, read from /proc (Linux): the app process and every
// process below it (WebKit's web and network processes, any sandbox helper), so a
// WebKit window is charged for the whole of what it started, the same way for both apps.
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';

function read(path) {
  try { return readFileSync(path, 'utf8'); } catch { return ''; }
}

/** Every live process as { pid, ppid, exe }; processes that vanish mid-walk are skipped. */
function processes() {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.length < 2 || fields[0] === 'Z') continue;
    let exe = '';
    try { exe = readlinkSync(`/proc/${name}/exe`); } catch { /* a kernel thread or gone */ }
    out.push({ pid: Number(name), ppid: Number(fields[1]), exe });
  }
  return out;
}

/** True when `pid` descends from this script (so only processes it started are read or ended). */
function ours(pid, byPid) {
  for (let p = byPid.get(pid); p; p = byPid.get(p.ppid)) if (p.ppid === process.pid) return true;
  return false;
}

/** The pids running `binary` (its real path) that this script started, alive and not zombies. */
export function pidsOf(binary) {
  const real = realpathSync(binary);
  const all = processes();
  const byPid = new Map(all.map((p) => [p.pid, p]));
  return all.filter((p) => (p.exe === real || p.exe === `${real} (deleted)`) && ours(p.pid, byPid)).map((p) => p.pid);
}

/** `pid` and all its descendants. */
function family(pid) {
  const all = processes();
  const found = [pid];
  for (let i = 0; i < found.length; i++) {
    for (const p of all) if (p.ppid === found[i]) found.push(p.pid);
  }
  return found;
}

/**
 * Memory of the one process running `binary` and its descendants, in KiB: VmRSS summed
 * (what `ps` shows; libraries shared between WebKit's processes count once per process)
 * and Pss summed (shared pages split between the processes sharing them, so the family's
 * sum is what it really holds).
 */
export function familyMemory(binary) {
  const pids = pidsOf(binary);
  if (pids.length !== 1) throw new Error(`expected one process running ${binary}, found ${pids.length}`);
  let rssKib = 0;
  let pssKib = 0;
  const members = [];
  for (const pid of family(pids[0])) {
    const rss = /VmRSS:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`));
    if (!rss) continue;
    rssKib += Number(rss[1]);
    pssKib += Number(/^Pss:\s+(\d+) kB/m.exec(read(`/proc/${pid}/smaps_rollup`))?.[1] ?? 0);
    members.push(read(`/proc/${pid}/comm`).trim());
  }
  return { rssKib, pssKib, members };
}

/** Waits until no process runs `binary`; kills what is left after `ms`. */
export async function waitGone(binary, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (pidsOf(binary).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pidsOf(binary)) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  while (pidsOf(binary).length > 0) await new Promise((r) => setTimeout(r, 100));
}
