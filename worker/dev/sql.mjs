import { pbkdf2Sync, randomBytes } from "node:crypto";

/** SQL literal for seed statements: strings quoted, objects as JSON, null and numbers as they are. */
export function q(value) {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
/** Same shape as the Worker's newId(): 24 base32 characters, 120 random bits. */
export function id() {
  return Array.from(randomBytes(24), (b) => ALPHABET[b & 31]).join("");
}

/** The Worker's PBKDF2-SHA-256 at 100,000 iterations, so seeded users can log in. */
export function passwordColumns(password) {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, 100_000, 32, "sha256");
  return { password_hash: hash.toString("hex"), password_salt: salt.toString("hex"), password_iterations: 100_000 };
}

export function insert(table, row) {
  const cols = Object.keys(row);
  return `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => q(row[c])).join(", ")});`;
}

/**
 * study_years from the source rows, as the migration backfills it (completions by their year at UTC+8, the
 * default zone): for demo and bench data written straight into the tables, past the Worker's own writes.
 */
export const STUDY_YEARS_FROM_SOURCES = `INSERT OR REPLACE INTO study_years (user_id, year, online_hours, offline_hours)
SELECT user_id, year, sum(online), sum(offline) FROM (
  SELECT user_id, CAST(strftime('%Y', (completed_at + 28800000) / 1000, 'unixepoch') AS INTEGER) AS year,
         hours AS online, 0 AS offline
    FROM course_completions WHERE status = 'credited'
  UNION ALL
  SELECT user_id, CAST(substr(studied_on, 1, 4) AS INTEGER), 0, hours FROM offline_credits
) GROUP BY user_id, year;`;
