import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@cbm/core';
import { newSigningKeyPem, parseSigningKey, SigningKey } from './audit-checkpoint';

/** The checkpoint signing key, or null: checkpoints are off (server mode without AUDIT_SIGNING_KEY). */
export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');

export const SIGNING_KEY_FILE = 'audit-signing-key.pem';

/**
 * AUDIT_SIGNING_KEY when set (a bad value stops the start). Else, embedded (no DATABASE_URL): the key
 * in DATA_DIR/audit-signing-key.pem, written there (mode 0600) on first start. Else (server mode)
 * none: replicas that each made up a key would sign with different keys, and a key kept in the
 * database would be forgeable by whoever can rewrite the chain, so the operator provides one.
 */
export function resolveSigningKey(config: AppConfig): SigningKey | null {
  if (config.auditSigningKey) {
    try {
      return parseSigningKey(config.auditSigningKey);
    } catch (err) {
      throw new Error(
        `AUDIT_SIGNING_KEY must be an Ed25519 private key (PKCS#8 PEM, or base64 of its DER or of the 32-byte seed): ${(err as Error).message}`,
      );
    }
  }
  if (config.databaseUrl) return null;
  const file = join(config.dataDir, SIGNING_KEY_FILE);
  try {
    return parseSigningKey(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(config.dataDir, { recursive: true });
  // written whole under another name, then linked into place: a process starting beside this one
  // reads either no file or the whole key, and the first link wins
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, newSigningKeyPem(), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(draft);
  }
  return parseSigningKey(readFileSync(file, 'utf8'));
}
