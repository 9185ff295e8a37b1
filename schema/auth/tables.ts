import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { EDUCATION_LEVELS, OCCUPATIONS } from "./values";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    phone: text("phone"),
    gender: text("gender", { enum: ["male", "female"] }),
    joinedPartyOn: text("joined_party_on"),
    // What the annual development plan's structure report counts (age, education, occupation).
    birthOn: text("birth_on"),
    education: text("education", { enum: EDUCATION_LEVELS }),
    occupation: text("occupation", { enum: OCCUPATIONS }),
    // Password parameters live beside the hash so the iteration count can be raised later.
    passwordHash: text("password_hash"),
    passwordSalt: text("password_salt"),
    passwordIterations: integer("password_iterations"),
    locale: text("locale", { enum: ["zh-CN", "zh-TW", "en"] })
      .notNull()
      .default("zh-CN"),
    // The large-text mode for older members (长辈版), remembered like the language.
    elder: integer("elder", { mode: "boolean" }).notNull().default(false),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // A cadre (干部) is held to the cadres' study quota; the mark gives no rights.
    cadre: integer("cadre", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    // Who a session says this user is (name, language, memberships and their orgs) as a random build, renewed by
    // the triggers of migration 0046 on any change to them: a remembered session is checked by it alone.
    sessionBuilt: text("session_built").notNull().default(""),
  },
  // The roster of a large subtree reads people in this order and stops at the page's end.
  (t) => [index("users_name_idx").on(t.displayName, t.id)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * One row per username and one per client address: the login attempts counted in the window that began at
 * windowStart. An attempt is counted before its password is checked, so concurrent guesses cannot overtake it.
 */
export const loginThrottle = sqliteTable(
  "login_throttle",
  {
    scope: text("scope", { enum: ["user", "address"] }).notNull(),
    key: text("key").notNull(),
    attempts: integer("attempts").notNull(),
    windowStart: integer("window_start").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index("login_throttle_window_idx").on(t.windowStart)],
);
