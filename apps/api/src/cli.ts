import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError, loadConfig, pendingSchemaChanges } from '@cbm/core';
import {
  AuditCheckpointService,
  AuditService,
  CheckpointLog,
  parseCheckpointLine,
  parsePublicKey,
  VerifyResult,
} from '@cbm/audit';
import { UserService } from '@cbm/auth';
import { openDatabase, startContext } from '@cbm/composition';
import { createHttpApp } from './http-app';
import { openApiDocument } from './openapi';
import { seedVolume } from './volume/volume';

const SOURCE_MIGRATIONS_DIR = join(process.cwd(), 'migrations');

/** A fresh, empty database for the drift check: a throw-away one on the server, or in-memory PGlite. */
async function withEmptyDatabase<T>(config: AppConfig, work: (cfg: AppConfig) => Promise<T>): Promise<T> {
  if (!config.databaseUrl) return work(config);
  const name = `cbm_check_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: config.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(config.databaseUrl);
    url.pathname = `/${name}`;
    return await work({ ...config, databaseUrl: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const commands: Record<string, (args: string[]) => Promise<number>> = {
  async 'migration:run'() {
    const db = await openDatabase(loadConfig());
    const ran = await db.dataSource.query('SELECT count(*)::int AS n FROM schema_migration');
    process.stdout.write(`migrations applied: ${ran[0].n}\n`);
    await db.close();
    return 0;
  },

  /** Fails when the entities and the migrations disagree (CI). */
  async 'migration:check'() {
    return withEmptyDatabase(loadConfig(), async (config) => {
      const db = await openDatabase(config, { embeddedInMemory: true });
      const pending = await pendingSchemaChanges(db.dataSource);
      await db.close();
      if (pending.length) {
        process.stderr.write(
          `schema drift: generating a migration would produce:\n${pending.map((q) => `  ${q};`).join('\n')}\n`,
        );
        return 1;
      }
      process.stdout.write('no schema drift: the migrations match the entities\n');
      return 0;
    });
  },

  async 'migration:generate'(args) {
    const name = args[0];
    if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
      process.stderr.write('usage: migration:generate <PascalCaseName>\n');
      return 2;
    }
    return withEmptyDatabase(loadConfig(), async (config) => {
      const db = await openDatabase(config, { embeddedInMemory: true });
      const log = await db.dataSource.driver.createSchemaBuilder().log();
      await db.close();
      if (!log.upQueries.length) {
        process.stdout.write('nothing to generate\n');
        return 0;
      }
      const ts = Date.now();
      const q = (s: string) => '`' + s.replace(/`/g, '\\`') + '`';
      const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(q: QueryRunner): Promise<void> {
${log.upQueries.map((x) => `    await q.query(${q(x.query)});`).join('\n')}
  }

  async down(q: QueryRunner): Promise<void> {
${log.downQueries
  .reverse()
  .map((x) => `    await q.query(${q(x.query)});`)
  .join('\n')}
  }
}
`;
      const file = join(SOURCE_MIGRATIONS_DIR, `${ts}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
      writeFileSync(file, body);
      const index = join(SOURCE_MIGRATIONS_DIR, 'index.ts');
      const base = file.split('/').pop()!.replace(/\.ts$/, '');
      const current = readFileSync(index, 'utf8');
      writeFileSync(
        index,
        current
          .replace('// generated imports end', `import { ${name}${ts} } from './${base}';\n// generated imports end`)
          .replace('  // generated list end', `  ${name}${ts},\n  // generated list end`),
      );
      process.stdout.write(`wrote ${file}\n`);
      return 0;
    });
  },

  /**
   * Writes the OpenAPI document (the one /api/docs-json serves) to a file or stdout, with no
   * database and no server: Nest's preview mode reads the routes without building a provider.
   */
  async openapi(args) {
    const [out] = args;
    // a fixed configuration: the document does not depend on the environment it is written in
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'openapi-document-only', LOG_LEVEL: 'error' });
    const dataSource = new DataSource({ type: 'postgres' });
    const app = await createHttpApp({ config, dataSource, runRelay: false, runWorkers: false }, { preview: true });
    const json = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
    await app.close();
    if (out) writeFileSync(out, json);
    // the process exits right after: wait until a pipe has taken the whole document
    else await new Promise<void>((done) => process.stdout.write(json, () => done()));
    return 0;
  },

  /**
   * Exit 1 and the first bad event's id when the chain is broken. `--checkpoints FILE`: a saved copy
   * of GET /open/checkpoints.jsonl; every checkpoint's signature is checked (with `--key PEMFILE`, the
   * public key as published, else this deployment's key) and the chain must still hold each signed head.
   * Exit 2 on a usage error or a file that is not a checkpoint log.
   */
  async 'audit:verify'(args) {
    const option = (name: string) => {
      const i = args.indexOf(name);
      return i >= 0 ? (args[i + 1] ?? '') : undefined;
    };
    const file = option('--checkpoints');
    const keyFile = option('--key');
    if (file === '' || keyFile === '' || (keyFile !== undefined && file === undefined)) {
      process.stderr.write('usage: audit:verify [--checkpoints FILE [--key PUBLIC_KEY_PEM_FILE]]\n');
      return 2;
    }
    const entries: CheckpointLog['entries'] = [];
    if (file !== undefined) {
      const lines = readFileSync(file, 'utf8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (!lines[i].trim()) continue;
        const c = parseCheckpointLine(lines[i]);
        if (typeof c === 'string') {
          process.stderr.write(`${file} line ${i + 1} is not a checkpoint: ${c}\n`);
          return 2;
        }
        entries.push({ line: i + 1, checkpoint: c });
      }
    }
    const { ctx, close } = await startContext(loadConfig(), { runWorkers: false, runRelay: false });
    const started = process.hrtime.bigint();
    let result: VerifyResult;
    try {
      let log: CheckpointLog | undefined;
      if (file !== undefined) {
        const own = ctx.get(AuditCheckpointService).signingKey;
        const publicKey = keyFile !== undefined ? parsePublicKey(readFileSync(keyFile, 'utf8')) : own?.publicKey;
        if (!publicKey) {
          process.stderr.write('no key to check the signatures with: give --key (the published public key)\n');
          return 2;
        }
        log = { entries, publicKeys: [publicKey] };
      }
      result = await ctx.get(AuditService).verify(undefined, log);
    } finally {
      await close();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = Math.round(result.checked / Math.max(seconds, 1e-9));
    if (result.ok) {
      const proved = result.checkpoints !== undefined ? `; ${result.checkpoints} signed checkpoints hold` : '';
      process.stdout.write(
        `audit chain intact: ${result.checked} events verified in ${seconds.toFixed(2)} s (${rate} events/s)${proved}\n`,
      );
      return 0;
    }
    const bad = result.firstInvalid!;
    if (bad.checkpoint !== undefined) {
      process.stdout.write(`audit chain BROKEN at checkpoint line ${bad.checkpoint} (seq ${bad.seq}): ${bad.reason}\n`);
      return 1;
    }
    process.stdout.write(`audit chain BROKEN at event ${bad.id} (seq ${bad.seq}): ${bad.reason}\n`);
    process.stdout.write(`first invalid event id: ${bad.id}\n`);
    return 1;
  },

  /** A deterministic data set at volume through the domain services; reports its own speed. */
  async 'seed:volume'(args) {
    const i = args.indexOf('--scale');
    const scale = i >= 0 ? Number(args[i + 1]) : 1;
    if (!(scale > 0 && scale <= 10)) {
      process.stderr.write('usage: seed:volume --scale <0 < N <= 10>\n');
      return 2;
    }
    const config = loadConfig();
    const { ctx, close } = await startContext(config, { runWorkers: false, runRelay: false });
    process.stdout.write(`volume data set at scale ${scale}\n`);
    const started = Date.now();
    await seedVolume(ctx, config, scale);
    await close();
    process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  },

  async 'admin:create'(args) {
    const [email, password] = args;
    if (!email || !password) {
      process.stderr.write('usage: admin:create <email> <password>\n');
      return 2;
    }
    const { ctx, close } = await startContext(loadConfig(), { runWorkers: false, runRelay: false });
    const user = await ctx.get(UserService).upsertAdmin(email, password);
    await close();
    process.stdout.write(`administrator ${user.email} ready\n`);
    return 0;
  },
};

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const run = commands[command];
  if (!run) {
    process.stderr.write(`usage: cli <${Object.keys(commands).join('|')}> [args]\n`);
    process.exit(2);
  }
  process.exit(await run(args));
}

main().catch((err) => {
  const reason =
    err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`${reason}\n`);
  process.exit(1);
});
