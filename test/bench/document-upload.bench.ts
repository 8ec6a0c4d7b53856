/* Document upload memory (issue 13): a 25 MB file uploaded to a running API must not grow the API's
   resident memory by more than 40 MB. Runs on its own:
     npm run -s build:server && npx swc test/bench -d dist --quiet && node dist/test/bench/document-upload.bench.js
   Starts the built API (demo data) in server mode on a scratch database (BENCH_DB, default
   cbm_bench_docs, made anew) and, unless BENCH_MODES says otherwise, in embedded mode too (PGlite in
   the API's own process, so its memory counts), pinned to core 0. A small upload and download warm
   the code first; then ROUNDS times: a 25 MB PDF-like file (random bytes, different each round, so
   every round stores new content) is uploaded as multipart, then downloaded, while the API's RSS is
   sampled every 50 ms. Prints the RSS before, the peak during each transfer, the growth, and whether
   the growth stays within the 40 MB budget. Exit 1 when it does not.
   Env: BENCH_SERVER_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_DB, BENCH_MODES
   (server,embedded), BENCH_ROUNDS (3), BENCH_MB (25), BENCH_PORT (3980). */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDatabase, peakRss, rssMb, startProcess, Started } from './harness';

const ROOT = join(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');
const SERVER = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_DB ?? 'cbm_bench_docs';
const MODES = (process.env.BENCH_MODES ?? 'server,embedded').split(',');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MB = Number(process.env.BENCH_MB ?? 25);
const PORT = Number(process.env.BENCH_PORT ?? 3980);
const BUDGET_MB = 40;
const PASSWORD = 'demo-password-2026';
const dbUrl = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DB}`;
  return u.toString();
})();

async function call<T>(base: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Random bytes behind a PDF signature: incompressible, and a type the API accepts. */
function pdfOf(bytes: number): Buffer {
  const b = randomBytes(bytes);
  b.write('%PDF-1.7\n', 0, 'latin1');
  return b;
}

async function upload(base: string, token: string, requestId: string, file: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), name);
  const res = await fetch(`${base}/api/v1/requests/${requestId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await res.json()) as { id: string; sha256: string; size: number };
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function download(base: string, token: string, id: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/documents/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`download: ${res.status}`);
  const hash = createHash('sha256');
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
  }
  return hash.digest('hex');
}

const settle = () => new Promise((r) => setTimeout(r, 1500));

async function measure(mode: string): Promise<boolean> {
  const port = PORT + (mode === 'server' ? 0 : 1);
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mode === 'embedded' ? mkdtempSync(join(tmpdir(), 'cbm-bench-docs-')) : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret',
    LOGIN_MAX_ATTEMPTS: '1000',
  };
  if (mode === 'server') {
    await benchDatabase(SERVER, dbUrl);
    env.DATABASE_URL = dbUrl;
  } else {
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    env.DATA_DIR = dataDir;
  }
  let api: Started | undefined;
  let ok = true;
  try {
    api = await startProcess(process.execPath, [MAIN], env, {
      cpu: '0',
      readyUrl: `${base}/health/ready`,
      timeoutMs: 300_000,
    });
    const pid = api.proc.pid!;
    const token = (
      await call<{ accessToken: string }>(base, null, 'POST', '/api/v1/auth/login', {
        email: 'focal.kenya@cbm.example.org',
        password: PASSWORD,
      })
    ).accessToken;
    const { id: requestId } = await call<{ id: string }>(base, token, 'POST', '/api/v1/requests', {
      title: 'Document upload benchmark',
      objectives: [1],
      supportTypes: ['technical_assistance'],
    });
    // warm-up: the upload and download paths compiled, the pools open
    const small = await upload(base, token, requestId, pdfOf(600 * 1024), 'warm-up.pdf');
    await download(base, token, small.id);
    await settle();
    process.stdout.write(
      `\n${mode} mode, ${MB} MB file, API pid ${pid}\n| round | RSS before MB | upload peak MB | growth MB | upload s | download peak MB | growth MB | download s | hash |\n|---:|---:|---:|---:|---:|---:|---:|---:|---|\n`,
    );
    for (let round = 1; round <= ROUNDS; round++) {
      const file = pdfOf(MB * 1024 * 1024);
      const sha = createHash('sha256').update(file).digest('hex');
      await settle();
      const before = rssMb(pid);
      let t = performance.now();
      const up = await peakRss(pid, () => upload(base, token, requestId, file, `round-${round}.pdf`));
      const upSeconds = (performance.now() - t) / 1000;
      await settle();
      const beforeDown = rssMb(pid);
      t = performance.now();
      const down = await peakRss(pid, () => download(base, token, up.result.id));
      const downSeconds = (performance.now() - t) / 1000;
      const upGrowth = up.peakMb - before;
      const downGrowth = down.peakMb - beforeDown;
      const hashOk = up.result.sha256 === sha && down.result === sha;
      ok = ok && upGrowth <= BUDGET_MB && hashOk;
      process.stdout.write(
        `| ${round} | ${before.toFixed(1)} | ${up.peakMb.toFixed(1)} | ${upGrowth.toFixed(1)} | ${upSeconds.toFixed(2)} | ${down.peakMb.toFixed(1)} | ${downGrowth.toFixed(1)} | ${downSeconds.toFixed(2)} | ${hashOk ? 'ok' : 'MISMATCH'} |\n`,
      );
    }
    process.stdout.write(`${mode}: upload growth ${ok ? 'within' : 'OVER'} the ${BUDGET_MB} MB budget\n`);
  } finally {
    await api?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  return ok;
}

async function main() {
  let ok = true;
  for (const mode of MODES) ok = (await measure(mode)) && ok;
  if (!ok) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
