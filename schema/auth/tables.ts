import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  phone: text("phone"),
  gender: text("gender", { enum: ["male", "female"] }),
  joinedPartyOn: text("joined_party_on"),
  // Password parameters live beside the hash so the iteration count can be raised later.
  passwordHash: text("password_hash"),
  passwordSalt: text("password_salt"),
  passwordIterations: integer("password_iterations"),
  locale: text("locale", { enum: ["zh-CN", "zh-TW", "en"] })
    .notNull()
    .default("zh-CN"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

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

export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("login_failures_username_at_idx").on(t.username, t.at)],
);
