import { types } from 'pg';
import { eventHashOfText, GENESIS_HASH } from './audit-chain';
import type { AuditRepository } from './audit.repository';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstInvalid?: { id: string | null; seq: string; reason: string };
}

const parseTimestamptz = types.getTypeParser(1184, 'text');

/**
 * Walks the whole chain; names the first event that does not match. Reads the columns as text and
 * rebuilds the hashed body from it (eventBodyOfText): the same characters eventHash hashed at
 * append, without pg's Date and JSON row parsing, TypeORM's row handling or the generic canonicaliser.
 */
export async function verifyChain(repo: AuditRepository, batchSize = 10_000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  // events appended together share their time: convert each distinct text once, as pg would have
  let lastTime = '';
  let lastIso = '';
  // the next batch is read while this one is hashed: the database and the CPU work side by side
  let next = repo.textBatchAfter('0', batchSize);
  for (;;) {
    const batch = await next;
    if (batch.length === batchSize) {
      next = repo.textBatchAfter(batch[batch.length - 1][1], batchSize);
      next.catch(() => undefined); // an early return below must not leave a rejection unhandled
    }
    for (const e of batch) {
      const [id, seq] = e;
      if (seq !== String(expectedSeq)) {
        return {
          ok: false,
          checked,
          firstInvalid: { id, seq, reason: `events ${expectedSeq} to ${BigInt(seq) - 1n} are missing before this one` },
        };
      }
      if (e[12] !== prevHash)
        return { ok: false, checked, firstInvalid: { id, seq, reason: 'previous hash does not match the chain' } };
      if (e[2] !== lastTime) {
        lastTime = e[2];
        lastIso = new Date(parseTimestamptz(lastTime) as Date).toISOString();
      }
      e[2] = lastIso;
      if (eventHashOfText(prevHash, e) !== e[13])
        return { ok: false, checked, firstInvalid: { id, seq, reason: 'content does not match its hash' } };
      prevHash = e[13];
      expectedSeq++;
      checked++;
    }
    if (batch.length < batchSize) break;
  }
  const head = await repo.head();
  const lastPresent = String(expectedSeq - 1);
  if (head.seq !== lastPresent || (head.seq !== '0' && head.hash !== prevHash)) {
    return {
      ok: false,
      checked,
      firstInvalid: {
        id: head.eventId,
        seq: head.seq,
        reason: `the chain ends at ${lastPresent} but its head records event ${head.seq}: the tail was cut`,
      },
    };
  }
  return { ok: true, checked };
}
