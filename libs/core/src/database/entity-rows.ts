import { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import { BufferKind, FLUSH_STAGE, insertParts, Transaction, WriteBatch, WriteBuffer } from './transaction';

type Decode = (v: unknown) => unknown;

/**
 * The entity's columns as its own fields: not the ones a relation adds (relations here only declare
 * foreign keys, next to the id column the code reads and writes).
 */
const ownColumns = (metadata: EntityMetadata) =>
  metadata.columns.filter((c) => !metadata.relations.some((r) => r.propertyName === c.propertyName));

/** Milliseconds cut as pg's own parser cuts them (toward the earlier instant). */
const fromMicros: Decode = (us) => (us === null ? null : new Date(Math.floor((us as number) / 1000)));

/**
 * Hot reads of an entity without TypeORM's query building and hydration, derived from the entity's
 * own TypeORM mapping (so a column is declared once, in the entity): a select list and the row →
 * entity function. Timestamps travel as microseconds since 1970, which pg reads as a float (its
 * parser for timestamptz text was a tenth of a list's CPU); dates as their text, as TypeORM has them.
 */
export class EntityRows<E extends object> {
  private compiled?: { select: string; fields: [string, Decode | null][]; metadata: EntityMetadata };
  private buffered?: BufferKind<BufferedRows<E>>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly target: new () => E,
    private readonly alias: string,
  ) {}

  private get parts() {
    if (this.compiled) return this.compiled;
    const metadata = this.dataSource.getMetadata(this.target);
    const columns = ownColumns(metadata).filter((c) => c.isSelect);
    const select = columns
      .map((c) => {
        const col = `${this.alias}.${c.databaseName}`;
        const expr =
          c.type === 'timestamptz'
            ? `round(date_part('epoch', ${col}) * 1000000)`
            : c.type === 'date'
              ? `${col}::text`
              : col;
        return `${expr} AS "${c.propertyName}"`;
      })
      .join(', ');
    const fields = columns.map((c): [string, Decode | null] => [
      c.propertyName,
      c.type === 'timestamptz' ? fromMicros : null,
    ]);
    return (this.compiled = { select, fields, metadata });
  }

  /** `alias.column AS "property", ...` for every selected column. */
  get select(): string {
    return this.parts.select;
  }

  /** A row read with `select` as the entity. */
  entity(row: Record<string, unknown>): E {
    const e = new this.target() as Record<string, unknown>;
    for (const [name, decode] of this.parts.fields) e[name] = decode ? decode(row[name]) : row[name];
    return e as E;
  }

  /** The column a property is stored in; throws for a name that is not a column of the entity. */
  column(property: string): string {
    const c = this.parts.metadata.findColumnWithPropertyName(property);
    if (!c) throw new Error(`${this.target.name}: ${property} is not a column`);
    return c.databaseName;
  }

  /**
   * Inserts one row now and answers it as stored: the columns `values` leaves undefined take their
   * database defaults (declared on the entity's columns), so a new record needs no second list of them.
   */
  async insertReturning(m: EntityManager, values: Partial<E>): Promise<E> {
    const { metadata } = this.parts;
    const set = values as Record<string, unknown>;
    const columns = ownColumns(metadata).filter((c) => set[c.propertyName] !== undefined);
    const params = columns.map((c) => set[c.propertyName]);
    const found: Record<string, unknown>[] = await m.query(
      `INSERT INTO ${metadata.tableName} AS ${this.alias} (${columns.map((c) => c.databaseName).join(', ')})
       VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')}) RETURNING ${this.select}`,
      params,
    );
    return this.entity(found[0]);
  }

  /** New rows as parts of a transaction's write batch: every column the first entity sets. */
  insert(batch: WriteBatch, entities: readonly E[]): void {
    if (!entities.length) return;
    const { metadata } = this.parts;
    const columns = ownColumns(metadata).filter(
      (c) => (entities[0] as Record<string, unknown>)[c.propertyName] !== undefined,
    );
    insertParts(
      batch,
      metadata.tableName,
      columns.map((c) => c.databaseName),
      entities.map((e) => columns.map((c) => (e as Record<string, unknown>)[c.propertyName] ?? null)),
    );
  }

  /** New rows written with transaction `t`'s other buffered rows, in its batch just before COMMIT. */
  insertBeforeCommit(t: Transaction, ...entities: E[]): void {
    this.buffered ??= new BufferKind(
      `${this.parts.metadata.tableName} rows`,
      FLUSH_STAGE.records,
      () => new BufferedRows(this),
    );
    t.buffer(this.buffered).pending.push(...entities);
  }
}

/** The rows of one entity that one transaction inserts before COMMIT (timeline entries, versions, register entries). */
class BufferedRows<E extends object> implements WriteBuffer {
  readonly pending: E[] = [];
  constructor(private readonly rows: EntityRows<E>) {}
  write(batch: WriteBatch): void {
    this.rows.insert(batch, this.pending);
  }
}
