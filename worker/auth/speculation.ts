import type { D1Database, D1PreparedStatement, D1Result } from "@cloudflare/workers-types";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeHex } from "@oslojs/encoding";
import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { ApiError } from "../lib/errors";
import { renewDue, type SessionCheckRow, type SessionUser, sessionCheckStatement } from "./session";

// A read's session check rides in the same D1 batch as the read itself: one round trip instead of two.
// The isolate remembers who a session was last time (a guess, never trusted): the handler builds its
// reads for that user, the session check goes first in their batch, and the answer leaves only if the
// session, read in the same batch, still has the same secret and its user the same build (users.session_built,
// renewed by triggers on any change to what the session says of them). Otherwise the request runs again the
// ordinary way. Writes never run on a guess: before any statement that is not a plain read the session
// is checked on its own first.

interface Remembered {
  secretHash: string;
  expiresAt: number;
  /** The user's session_built when it was read with everything the user holds. */
  built: string;
  user: SessionUser;
}

const MAX_REMEMBERED = 5_000;
const remembered = new Map<string, Remembered>();

const keyOf = (host: string, sessionId: string) => `${host} ${sessionId}`;

/** Keeps who a session was (frozen: shared by requests), dropping the oldest beyond the cap. */
export function remember(host: string, entry: Remembered) {
  const key = keyOf(host, entry.user.sessionId);
  remembered.delete(key);
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  const user = Object.freeze({ ...entry.user, memberships: Object.freeze(entry.user.memberships.map(Object.freeze)) });
  remembered.set(key, { ...entry, user: user as SessionUser });
}

export function forget(host: string, sessionId: string) {
  remembered.delete(keyOf(host, sessionId));
}

/**
 * The remembered user of this token, when its secret matches and nothing is due (expiry, renewal). Hashed
 * natively: the JavaScript SHA-256 the login and the session check share was a few percent of a hot read.
 */
export async function recall(host: string, id: string, secret: string, now: number) {
  const found = remembered.get(keyOf(host, id));
  if (!found || renewDue(found.expiresAt, now)) return null;
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)));
  return constantTimeEqual(hash, decodeHex(found.secretHash)) ? found : null;
}

/** Thrown into a handler whose guess turned out wrong: its work is thrown away and the request runs again. */
class GuessWrong extends ApiError {
  constructor() {
    super(503, "busy", "please try again");
  }
}

// A statement that only reads: a SELECT, or a WITH that does not end in a write.
const READ = /^\s*(select\b|with\b(?![\s\S]*\b(insert|update|delete|replace)\b))/i;

type Ride = (text: string, params: unknown[], holds: Check["holds"]) => boolean;

/** A check that rides in a guessed request's first batch: its statement and what its rows must say. */
interface Check {
  stmt: D1PreparedStatement;
  holds: (rows: unknown[]) => boolean;
}

/**
 * The session check of one request on a guess. `d1` is the request's database with the check folded
 * in (other guesses of the request, such as an org it remembers, may ride along: `ride`); `settled`
 * says, once the handler is done, whether every guess held (checking alone if no read came).
 */
export function guarded(real: D1Database, guess: Remembered, now: number) {
  const checks: Check[] = [
    {
      stmt: sessionCheckStatement(real, guess.user.sessionId),
      // recall() found the token's secret hashing to the remembered hash: the row must still hold that hash.
      holds: (rows) => {
        const found = rows[0] as SessionCheckRow | undefined;
        return (
          found !== undefined &&
          rows.length === 1 &&
          found.secret_hash === guess.secretHash &&
          !renewDue(found.expires_at, now) &&
          guess.built !== "" &&
          found.session_built === guess.built
        );
      },
    },
  ];
  // Set the moment the checks leave (with a batch, or alone): later statements wait for it.
  let verdict: Promise<boolean> | null = null;
  const judged = (results: D1Result[]) => checks.every((c, i) => c.holds(results[i]?.results ?? []));
  const checkAlone = () => {
    verdict ??= real.batch(checks.map((c) => c.stmt)).then(judged);
    return verdict;
  };
  /** Before a write, or a read that cannot ride in a batch: the checks on their own (once). */
  const settle = async () => {
    if (!(await checkAlone())) throw new GuessWrong();
  };
  const ride: Ride = (text, params, holds) => {
    if (verdict !== null) return false;
    checks.push({ stmt: real.prepare(text).bind(...params), holds });
    return true;
  };

  const wrap = (stmt: D1PreparedStatement, text: string): D1PreparedStatement => {
    const read = READ.test(text);
    const riding = () => verdict === null && read;
    // A lone read by all() or first() rides in a batch with the check; raw() and writes wait for it.
    const self = {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values), text),
      all: async <T>() => (riding() ? (await batch<T>([self as never]))[0] : settle().then(() => stmt.all<T>())),
      first: async <T>(column?: string) => {
        if (!riding()) return settle().then(() => (column ? stmt.first<T>(column) : stmt.first<T>()));
        const row = ((await batch<Record<string, T>>([self as never]))[0]?.results[0] ?? null) as Record<
          string,
          T
        > | null;
        return column ? (row?.[column] ?? null) : row;
      },
      raw: async (options?: { columnNames?: boolean }) => {
        await settle();
        return stmt.raw(options as { columnNames: true });
      },
      run: async () => {
        await settle();
        return stmt.run();
      },
      unwrap: () => stmt,
      text,
    };
    return self as unknown as D1PreparedStatement;
  };

  const unwrapped = (s: D1PreparedStatement) =>
    (s as unknown as { unwrap?: () => D1PreparedStatement }).unwrap?.() ?? s;
  const allRead = (list: D1PreparedStatement[]) =>
    list.every((s) => READ.test((s as unknown as { text?: string }).text ?? ""));

  const batch = async <T>(list: D1PreparedStatement[]): Promise<D1Result<T>[]> => {
    const plain = list.map(unwrapped);
    if (verdict !== null || !allRead(list)) {
      await settle();
      return real.batch<T>(plain);
    }
    const n = checks.length;
    const sent = real.batch([...checks.map((c) => c.stmt), ...plain]);
    verdict = sent.then(judged);
    if (!(await verdict)) throw new GuessWrong();
    return (await sent).slice(n) as D1Result<T>[];
  };

  const d1 = {
    prepare: (text: string) => wrap(real.prepare(text), text),
    batch,
    exec: async (text: string) => {
      await settle();
      return real.exec(text);
    },
    dump: async () => {
      await settle();
      return real.dump();
    },
    withSession: () => {
      throw new Error("a guarded database is already one request's session");
    },
    ride,
  } as unknown as D1Database;

  return { d1, settled: checkAlone };
}

/**
 * Puts the check of another guess (a row this isolate remembers) into a guessed request's first batch,
 * as the session's is: true when it will be checked there, false when the request is not on a guess or
 * its checks have left (then read the row for real).
 */
export function rideAlong(d1: D1Database, query: SQL, holds: (rows: unknown[]) => boolean) {
  const ride = (d1 as unknown as { ride?: Ride }).ride;
  if (!ride) return false;
  const built = dialect.sqlToQuery(query);
  return ride(built.sql, built.params, holds);
}
const dialect = new SQLiteAsyncDialect();
