/* Helpers for `npm run bench`: processes pinned to a core, RSS sampling, autocannon runs. */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

export interface Started {
  proc: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts a process (pinned with taskset when possible) and waits for a line or a URL. */
export async function startProcess(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  o: { cpu?: string; readyLine?: RegExp; readyUrl?: string; timeoutMs?: number } = {},
): Promise<Started> {
  const pinned = o.cpu !== undefined;
  const proc = spawn(pinned ? 'taskset' : cmd, pinned ? ['-c', o.cpu!, cmd, ...args] : args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const end = Date.now() + (o.timeoutMs ?? 120_000);
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${cmd} exited ${proc.exitCode}:\n${out.slice(-3000)}`);
    if (Date.now() > end) throw new Error(`${cmd} not ready:\n${out.slice(-3000)}`);
    if (o.readyLine && o.readyLine.test(out)) break;
    if (
      o.readyUrl &&
      (await fetch(o.readyUrl)
        .then((r) => r.ok)
        .catch(() => false))
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    proc,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 20_000).unref();
      }),
  };
}

/** Resident set size of a process in MB (Linux). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS while `work` runs; returns the peak. */
export async function peakRss<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number; beforeMb: number }> {
  const beforeMb = rssMb(pid);
  let peakMb = beforeMb;
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 50);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peakMb, rssMb(pid)), beforeMb };
  } finally {
    clearInterval(timer);
  }
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

export async function load(o: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ connections: 50, duration: 10, ...o });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

/** CPU time of a process in ms (user + system), or 0 when it is gone. */
export function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

export type MeasuredResult = LoadResult & { nodeUs: number; pgUs: number };

/**
 * A load with the CPU the server (`pid`) and its database's backends spent per request: on a shared
 * machine throughput says as much about the neighbours as about the code; CPU per request is the
 * steadier figure. `mon` is a connection to the server's database (not counted).
 */
export async function measured(o: autocannon.Options, pid: number, mon: Client): Promise<MeasuredResult> {
  const backends = async () =>
    (
      await mon.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      )
    ).rows.map((r) => r.pid);
  const before = new Map((await backends()).map((p) => [p, cpuMs(p)]));
  const node0 = cpuMs(pid);
  const t0 = Date.now();
  const r = await load(o);
  // autocannon's average is over whole-second samples: coarse for a run of a few seconds
  r.rps = Math.round((r.total * 1000) / (Date.now() - t0));
  const node1 = cpuMs(pid);
  let pg = 0;
  for (const p of new Set([...before.keys(), ...(await backends())])) pg += cpuMs(p) - (before.get(p) ?? 0);
  return { ...r, nodeUs: Math.round(((node1 - node0) * 1000) / r.total), pgUs: Math.round((pg * 1000) / r.total) };
}

/** Latency of one request repeated sequentially (for "under N ms" targets). */
/**
 * One client, one request at a time. The first `warmup` answers are not counted: they pay for
 * lazily compiled code and cold caches once per process, which a p99 of a few hundred samples
 * would otherwise report as the tail.
 */
export async function sequentialLatency(
  n: number,
  run: (i: number) => Promise<Response>,
  warmup = 10,
): Promise<{ p50: number; p99: number; max: number; failures: number }> {
  for (let i = 0; i < warmup; i++) await (await run(n + i)).arrayBuffer();
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await run(i);
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (!res.ok) failures++;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 10) / 10;
  return { p50: at(0.5), p99: at(0.99), max: at(1), failures };
}

/**
 * A bench's own database on the server: kept when BENCH_REUSE=1 and `complete` says its seed is
 * whole, otherwise dropped and made anew. Answers whether it was kept (then skip the seeding).
 */
export async function benchDatabase(
  serverUrl: string,
  dbUrl: string,
  complete: (probe: Client) => Promise<boolean> = async () => true,
): Promise<boolean> {
  const db = new URL(dbUrl).pathname.slice(1);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])).rowCount;
    if (exists && process.env.BENCH_REUSE === '1') {
      const probe = new Client({ connectionString: dbUrl });
      await probe.connect();
      const whole = await complete(probe)
        .catch(() => false)
        .finally(() => probe.end());
      if (whole) return true;
    }
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${db}`);
    return false;
  } finally {
    await admin.end();
  }
}
