import type { KeyObject } from 'node:crypto';
import { eventHashOfText, GENESIS_HASH, hashedTime } from './audit-chain';
import { Checkpoint, checkpointSignatureValid, keyIdOf } from './audit-checkpoint';
import type { AuditRepository } from './audit.repository';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** How many checkpoints were proved (signature, and the chain still holds their head). */
  checkpoints?: number;
  firstInvalid?: { id: string | null; seq: string; reason: string; checkpoint?: number };
}

/** Checkpoints to prove against the chain, each with its line number in the log (1-based), and the keys they may be signed with. */
export interface CheckpointLog {
  entries: { line: number; checkpoint: Checkpoint }[];
  publicKeys: KeyObject[];
}

/**
 * Walks the whole chain; names the first event that does not match. Reads the columns as text and
 * rebuilds the hashed body from it (eventBodyOfText): the same characters eventHash hashed at
 * append, without pg's Date and JSON row parsing, TypeORM's row handling or the generic canonicaliser.
 * The time comes as text with its microseconds; each event is hashed with the time its hash
 * version covers (hashedTime). Then, with a checkpoint log: every checkpoint's signature, and that
 * the chain still holds its head (the same hash at the same seq).
 */
export async function verifyChain(
  repo: AuditRepository,
  batchSize = 10_000,
  log?: CheckpointLog,
): Promise<VerifyResult> {
  const keys = new Map((log?.publicKeys ?? []).map((k) => [keyIdOf(k), k]));
  // the signatures first: a forged checkpoint is named whatever the chain holds
  for (const { line, checkpoint: c } of log?.entries ?? []) {
    const key = keys.get(c.keyId);
    const reason = !key
      ? `checkpoint on line ${line} is signed by an unknown key ${c.keyId.slice(0, 16)}…: forged or from another deployment`
      : !checkpointSignatureValid(c, key)
        ? `checkpoint on line ${line} (seq ${c.seq}, signed at ${c.signedAt}): the signature does not verify: forged or altered`
        : null;
    if (reason) return { ok: false, checked: 0, firstInvalid: { id: null, seq: c.seq, reason, checkpoint: line } };
  }
  const wanted = new Map<string, string | null>((log?.entries ?? []).map((e) => [e.checkpoint.seq, null]));

  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
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
      const version = e[14];
      if (version !== '1' && version !== '2' && version !== '3')
        return { ok: false, checked, firstInvalid: { id, seq, reason: `unknown hash version ${version}` } };
      e[2] = hashedTime(e[2], version === '1' ? 1 : 2); // 3 hashes the time as 2 does
      if (eventHashOfText(prevHash, e) !== e[13])
        return { ok: false, checked, firstInvalid: { id, seq, reason: 'content does not match its hash' } };
      prevHash = e[13];
      if (wanted.has(seq)) wanted.set(seq, prevHash);
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
  for (const { line, checkpoint: c } of log?.entries ?? []) {
    const found = c.seq === '0' ? GENESIS_HASH : wanted.get(c.seq);
    if (found === c.hash) continue;
    const reason =
      found === null || found === undefined
        ? `checkpoint on line ${line} (signed at ${c.signedAt}) records event ${c.seq}, but the chain ends at ${lastPresent}: the tail was cut and the head rewound`
        : `checkpoint on line ${line} (signed at ${c.signedAt}) records hash ${c.hash.slice(0, 16)}… for event ${c.seq}, the chain has ${found.slice(0, 16)}…: the chain was rewritten after the checkpoint`;
    return { ok: false, checked, checkpoints: 0, firstInvalid: { id: null, seq: c.seq, reason, checkpoint: line } };
  }
  return log ? { ok: true, checked, checkpoints: log.entries.length } : { ok: true, checked };
}
