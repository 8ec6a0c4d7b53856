import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '@cbm/core';
import {
  checkpointLine,
  checkpointSignatureValid,
  newSigningKeyPem,
  parseCheckpointLine,
  parsePublicKey,
  parseSigningKey,
  signCheckpoint,
} from './audit-checkpoint';
import { resolveSigningKey, SIGNING_KEY_FILE } from './signing-key';

const claims = {
  seq: '42',
  hash: 'a'.repeat(64),
  ledgerHash: 'b'.repeat(64),
  signedAt: '2026-12-08T01:00:00.000Z',
};

describe('signed checkpoints', () => {
  const key = parseSigningKey(newSigningKeyPem());

  it('a signed checkpoint verifies with its public key, and its line parses back to it', () => {
    const c = signCheckpoint(claims, key);
    expect(c.keyId).toBe(key.keyId);
    expect(checkpointSignatureValid(c, key.publicKey)).toBe(true);
    expect(parseCheckpointLine(checkpointLine(c))).toEqual(c);
    expect(checkpointSignatureValid(c, parsePublicKey(key.publicPem))).toBe(true);
  });

  it('any changed field, another key or a broken signature fails', () => {
    const c = signCheckpoint(claims, key);
    for (const changed of [
      { ...c, seq: '43' },
      { ...c, hash: 'c'.repeat(64) },
      { ...c, ledgerHash: 'c'.repeat(64) },
      { ...c, signedAt: '2026-12-08T02:00:00.000Z' },
      { ...c, signature: 'AAAA' },
      { ...c, signature: 'not base64 at all ***' },
    ])
      expect(checkpointSignatureValid(changed, key.publicKey)).toBe(false);
    const other = parseSigningKey(newSigningKeyPem());
    expect(checkpointSignatureValid(c, other.publicKey)).toBe(false);
  });

  it('reads the key as PEM, base64 DER or base64 seed, and refuses another kind of key', () => {
    const pem = newSigningKeyPem();
    const k = parseSigningKey(pem);
    const der = k.privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(parseSigningKey(der.toString('base64')).keyId).toBe(k.keyId);
    expect(parseSigningKey(der.subarray(der.length - 32).toString('base64')).keyId).toBe(k.keyId);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(() => parseSigningKey(rsa.toString())).toThrow(/Ed25519/);
  });

  it('names what is wrong with a line that is not a checkpoint', () => {
    expect(parseCheckpointLine('{')).toBe('not JSON');
    expect(parseCheckpointLine('[]')).toBe('not a JSON object');
    expect(parseCheckpointLine(JSON.stringify({ ...claims, seq: 'x' }))).toMatch(/seq/);
  });
});

describe('the signing key', () => {
  it('embedded: generated into DATA_DIR on first start (0600), the same key on the next', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbm-key-'));
    const config = loadConfig({ DATA_DIR: dir });
    const first = resolveSigningKey(config)!;
    const file = join(dir, SIGNING_KEY_FILE);
    expect(readFileSync(file, 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveSigningKey(config)!.keyId).toBe(first.keyId);
    expect(readdirSync(dir)).toEqual([SIGNING_KEY_FILE]);
  });

  it('server mode: AUDIT_SIGNING_KEY or none; a bad key stops the start', () => {
    const server = { DATABASE_URL: 'postgres://cbm@db/cbm' };
    expect(resolveSigningKey(loadConfig(server))).toBeNull();
    const pem = newSigningKeyPem();
    expect(resolveSigningKey(loadConfig({ ...server, AUDIT_SIGNING_KEY: pem }))!.keyId).toBe(
      parseSigningKey(pem).keyId,
    );
    expect(() => resolveSigningKey(loadConfig({ ...server, AUDIT_SIGNING_KEY: 'nonsense' }))).toThrow(
      /AUDIT_SIGNING_KEY must be an Ed25519 private key/,
    );
  });
});
