import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Database } from './database';
import { Transaction } from './transaction';

/**
 * A context's unit of work: what a use case may read and write in one transaction. Each context
 * declares its `Tx` (its repositories bound to the transaction, `audit`, `notify`, `publish`) in a
 * file of its own, so that a reader sees in one place every kind of row a use case can write.
 *
 * ```ts
 * return this.uow.run(async (tx) => {
 *   const request = await tx.requests.getScoped(actor, id);
 *   ...
 *   tx.audit.record({ actor, action: 'request.submit', ... });
 * });
 * ```
 */
export abstract class UnitOfWork<Tx> {
  constructor(protected readonly db: Database) {}

  /** The context's view of transaction `t`. */
  protected abstract open(t: Transaction): Tx;

  /** `work` in a new transaction; its buffered rows are written before COMMIT. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction((t) => work(this.open(t)));
  }

  /** `work` inside a transaction someone else opened (a job's, another context's port call). */
  within<T>(t: Transaction, work: (tx: Tx) => Promise<T>): Promise<T> {
    return work(this.open(t));
  }
}

/**
 * A repository's queries run on the pool, or inside a transaction when it is reached through
 * `repository.in(t)` (what a unit of work hands its use cases): the same object, bound.
 * (Injectable so that subclasses without a constructor of their own are given the Database.)
 */
@Injectable()
export abstract class TransactionalRepository {
  private boundTo?: Transaction;

  constructor(protected readonly db: Database) {}

  /** This repository with its queries inside `t`. */
  in(t: Transaction): this {
    const bound = Object.create(this) as this;
    (bound as TransactionalRepository).boundTo = t;
    return bound;
  }

  /** The transaction's manager when bound, the pool's otherwise. */
  protected get manager(): EntityManager {
    return this.boundTo?.manager ?? this.db.manager;
  }

  /** The bound transaction; for queries that lock rows, which only mean something inside one. */
  protected get transaction(): Transaction {
    if (!this.boundTo) throw new Error(`${this.constructor.name}: this query locks rows and must run in a transaction`);
    return this.boundTo;
  }

  protected get inTransaction(): boolean {
    return !!this.boundTo;
  }
}
