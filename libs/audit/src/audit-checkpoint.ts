import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign,
  verify as verifySignature,
} from 'node:crypto';
import { canonicalJson } from './audit-chain';

/**
 * A signed checkpoint: the chain's head (`seq`, `hash`) and the fund ledger's balance hash at
 * `signedAt`, signed with the deployment's Ed25519 key. One line of `GET /open/checkpoints.jsonl`.
 * The signature covers the canonical JSON (keys sorted) of every other field.
 */
export interface Checkpoint {
  seq: string;
  hash: string;
  ledgerHash: string;
  signedAt: string;
  /** hex SHA-256 of the public key's SubjectPublicKeyInfo (DER): which key signed. */
  keyId: string;
  /** base64 Ed25519 signature of checkpointMessage(...). */
  signature: string;
}

export type CheckpointClaims = Omit<Checkpoint, 'signature'>;

/** The bytes a checkpoint's signature covers. */
export function checkpointMessage(c: CheckpointClaims): Buffer {
  return Buffer.from(
    canonicalJson({ seq: c.seq, hash: c.hash, ledgerHash: c.ledgerHash, signedAt: c.signedAt, keyId: c.keyId }),
    'utf8',
  );
}

/** One JSON Lines line (no newline): the keys in a fixed order, so the same checkpoint is always the same line. */
export function checkpointLine(c: Checkpoint): string {
  return JSON.stringify({
    seq: c.seq,
    hash: c.hash,
    ledgerHash: c.ledgerHash,
    signedAt: c.signedAt,
    keyId: c.keyId,
    signature: c.signature,
  });
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function signCheckpoint(claims: Omit<CheckpointClaims, 'keyId'>, key: SigningKey): Checkpoint {
  const full = { ...claims, keyId: key.keyId };
  return { ...full, signature: sign(null, checkpointMessage(full), key.privateKey).toString('base64') };
}

export function checkpointSignatureValid(c: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verifySignature(null, checkpointMessage(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A line of a checkpoint log as a Checkpoint, or why it is not one. */
export function parseCheckpointLine(line: string): Checkpoint | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const seq = s('seq');
  const hash = s('hash');
  const ledgerHash = s('ledgerHash');
  const signedAt = s('signedAt');
  const keyId = s('keyId');
  const signature = s('signature');
  if (!seq || !/^\d+$/.test(seq)) return 'seq is not a sequence number';
  if (!hash || !HEX64.test(hash)) return 'hash is not a hex SHA-256';
  if (!ledgerHash || !HEX64.test(ledgerHash)) return 'ledgerHash is not a hex SHA-256';
  if (!signedAt || Number.isNaN(Date.parse(signedAt))) return 'signedAt is not a time';
  if (!keyId || !HEX64.test(keyId)) return 'keyId is not a hex SHA-256';
  if (!signature) return 'no signature';
  return { seq, hash, ledgerHash, signedAt, keyId, signature };
}

/** The deployment's Ed25519 key pair. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  /** The public key as PEM (SubjectPublicKeyInfo). */
  publicPem: string;
}

function ofPrivate(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * AUDIT_SIGNING_KEY's value: a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), or the base64 of its DER,
 * or the base64 of the 32-byte Ed25519 seed.
 */
export function parseSigningKey(text: string): SigningKey {
  const value = text.trim();
  if (value.startsWith('-----BEGIN')) return ofPrivate(createPrivateKey({ key: value, format: 'pem' }));
  const der = Buffer.from(value, 'base64');
  if (der.length === 32) {
    // RFC 8410 PKCS#8 prefix for an Ed25519 seed
    const prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
    return ofPrivate(createPrivateKey({ key: Buffer.concat([prefix, der]), format: 'der', type: 'pkcs8' }));
  }
  return ofPrivate(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
}

/** A public key given as PEM (SPKI) or as the PEM of the private key. */
export function parsePublicKey(text: string): KeyObject {
  const key = createPublicKey(text.trim());
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the checkpoint key must be an Ed25519 key');
  return key;
}

/** A new key pair's private half as PKCS#8 PEM. */
export function newSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
