import { EntityManager } from 'typeorm';

/** Binds a value as the statement's next parameter and answers its placeholder (`$7`). */
export type Bind = (value: unknown) => string;

/** Runs one parameterised statement (inside a transaction: on its connection). */
export type StatementRunner = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * The statements that write a transaction's buffered rows just before COMMIT. Each buffer adds
 * its writes as data-modifying parts; they go to PostgreSQL as one parameterised statement
 * (`WITH w1 AS (INSERT ...), w2 AS (INSERT ...) SELECT 1`), split only when the parameters
 * would pass PostgreSQL's limit. One round trip however many kinds of row.
 */
export class WriteBatch {
  private static readonly MAX_PARAMS = 30_000;
  private readonly statements: { parts: string[]; params: unknown[] }[] = [{ parts: [], params: [] }];
  private named = 0;

  /**
   * A data-modifying statement (INSERT, UPDATE ... ). `name` lets a later part of the same
   * statement read its RETURNING rows (the e-mail job reads the notifications it sends).
   */
  add(render: (bind: Bind) => string, name = `w${++this.named}`): string {
    let current = this.statements[this.statements.length - 1];
    if (current.params.length > WriteBatch.MAX_PARAMS) this.statements.push((current = { parts: [], params: [] }));
    const bind: Bind = (v) => `$${current.params.push(v)}`;
    current.parts.push(`${name} AS (${render(bind)})`);
    return name;
  }

  get empty(): boolean {
    return this.statements.every((s) => !s.parts.length);
  }

  /** Sends the statements on `target`: a manager, or a runner such as the transaction's prepared statements. */
  async execute(target: EntityManager | StatementRunner): Promise<void> {
    const run: StatementRunner = typeof target === 'function' ? target : (sql, params) => target.query(sql, params);
    for (const s of this.statements) {
      if (s.parts.length) await run(`WITH ${s.parts.join(',\n')}\nSELECT 1`, s.params);
    }
  }
}

/**
 * Rows a transaction writes in one batch just before COMMIT (timeline entries, notifications,
 * outbox rows, audit events): a use case adds to a buffer through its unit of work; `write`
 * puts them in the transaction's batch.
 */
export interface WriteBuffer {
  write(batch: WriteBatch): void | Promise<void>;
}

/** A kind of buffer and its place in the batch: lower stages first; the audit trail last. */
export class BufferKind<B extends WriteBuffer> {
  constructor(
    readonly name: string,
    readonly stage: number,
    readonly open: (t: Transaction) => B,
  ) {}
}

export const FLUSH_STAGE = { records: 0, notifications: 10, outbox: 20, audit: 90 } as const;

/**
 * One database transaction, opened by `Database.transaction`: the manager its queries run on,
 * the write buffers flushed before COMMIT, and the work that waits for COMMIT (waking the outbox
 * relay). Nothing here reaches into TypeORM's state.
 */
export class Transaction {
  private readonly buffers = new Map<BufferKind<WriteBuffer>, WriteBuffer>();
  private readonly committed: (() => void | Promise<void>)[] = [];
  private flushed = false;

  /**
   * `statements` runs the batch; `Database.transaction` passes its prepared-statement path (a
   * transition's batch has the same text every time, so PostgreSQL plans it once per connection).
   */
  constructor(
    readonly manager: EntityManager,
    private readonly statements: StatementRunner = (sql, params) => manager.query(sql, params),
  ) {}

  /** This transaction's buffer of `kind`, opened on first use. */
  buffer<B extends WriteBuffer>(kind: BufferKind<B>): B {
    const open = this.buffers.get(kind);
    if (open) return open as B;
    if (this.flushed) throw new Error(`the transaction's rows are written: nothing more can go in its ${kind.name}`);
    const buffer = kind.open(this);
    this.buffers.set(kind, buffer);
    return buffer;
  }

  /** Work for after COMMIT (never run when the transaction rolls back). */
  afterCommit(work: () => void | Promise<void>): void {
    this.committed.push(work);
  }

  query<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.manager.query(sql, params) as Promise<T[]>;
  }

  /** Writes every buffer's rows, in stage order, in one batch. Called by Database.transaction before COMMIT. */
  async flush(): Promise<void> {
    this.flushed = true;
    const batch = new WriteBatch();
    const byStage = [...this.buffers.entries()].sort(([a], [b]) => a.stage - b.stage);
    for (const [, buffer] of byStage) await buffer.write(batch);
    if (!batch.empty) await batch.execute(this.statements);
  }

  /** The after-commit work, in order; one failing does not stop the others. */
  async runAfterCommit(onError: (err: unknown) => void): Promise<void> {
    for (const work of this.committed) {
      try {
        await work();
      } catch (err) {
        onError(err);
      }
    }
  }
}

/** Rows as parts of a batch: one multi-row INSERT per 500 rows, every value a parameter. */
export function insertParts(
  batch: WriteBatch,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): void {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    batch.add(
      (bind) =>
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map((r) => `(${r.map(bind).join(', ')})`).join(', ')}`,
    );
  }
}
