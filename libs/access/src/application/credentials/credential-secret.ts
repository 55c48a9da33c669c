import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CredentialId } from '../../domain/credential.events';

/** `rpt_<credentialId>_<secret>`: 24 hex digits, then 256 random bits in base64url. */
const PRESENTED = /^rpt_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

export const newCredentialId = (): CredentialId => randomBytes(12).toString('hex');

/** The whole string a holder presents; it is shown once and only its hash is stored. */
export const newSecret = (credentialId: CredentialId): string => `rpt_${credentialId}_${randomBytes(32).toString('base64url')}`;

/** The credential a presented secret claims to be, or null when it has not the secret's shape. */
export const credentialIdIn = (presented: unknown): CredentialId | null => {
  if (typeof presented !== 'string' || presented.length > 100) return null;
  return PRESENTED.exec(presented)?.[1] ?? null;
};

const sha256 = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** A high-entropy secret needs no slow hash: sha256 cannot be reversed, and guessing 256 bits is hopeless. */
export const hashSecret = (secret: string): string => sha256(secret).toString('hex');

export const secretMatches = (presented: string, secretHash: string): boolean => {
  const expected = Buffer.from(secretHash, 'hex');
  const actual = sha256(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};
