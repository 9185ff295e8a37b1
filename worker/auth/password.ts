import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeHexLowerCase } from "@oslojs/encoding";

/** Workers cap PBKDF2 at 100,000 iterations; the count is stored per user so it can be raised. */
const PASSWORD_ITERATIONS = 100_000;

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export interface PasswordRecord {
  passwordHash: string;
  passwordSalt: string;
  passwordIterations: number;
}

export async function hashPassword(password: string): Promise<PasswordRecord> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, PASSWORD_ITERATIONS);
  return {
    passwordHash: encodeHexLowerCase(hash),
    passwordSalt: encodeHexLowerCase(salt),
    passwordIterations: PASSWORD_ITERATIONS,
  };
}

const hexToBytes = (hex: string) => new Uint8Array((hex.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)));

// A fixed record to verify against when the user does not exist, so both paths cost the same.
const DUMMY: PasswordRecord = {
  passwordHash: "0".repeat(64),
  passwordSalt: "00112233445566778899aabbccddeeff",
  passwordIterations: PASSWORD_ITERATIONS,
};

type StoredPassword = { [K in keyof PasswordRecord]: PasswordRecord[K] | null };

export async function verifyPassword(password: string, record: StoredPassword | null): Promise<boolean> {
  const usable = record?.passwordHash && record.passwordSalt && record.passwordIterations;
  const r = usable ? (record as PasswordRecord) : DUMMY;
  const hash = await derive(password, hexToBytes(r.passwordSalt), r.passwordIterations);
  return constantTimeEqual(hash, hexToBytes(r.passwordHash)) && Boolean(usable);
}
