import { type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/** A LIKE pattern matching `text` anywhere, with % _ and \ taken literally. */
export const containing = (text: string) => `%${text.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;

/** `column LIKE pattern` with backslash as the escape (SQLite's LIKE has none unless told). */
export const likeEscaped = (column: SQLiteColumn | SQL, pattern: string) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;
