import * as z from "zod/mini";

export const username = z.string().check(z.trim(), z.minLength(2), z.maxLength(64), z.regex(/^[A-Za-z0-9_.-]+$/));
export const password = z.string().check(z.minLength(8), z.maxLength(200));
export const LOCALES = ["zh-CN", "zh-TW", "en"] as const;

export const loginBody = z.object({
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(200)),
});

export const changePasswordBody = z.object({ currentPassword: z.string(), newPassword: password });
export const resetPasswordBody = z.object({ newPassword: password });
/** The member's own settings: send the ones that change, at least one. */
export const updateMeBody = z
  .object({ locale: z.optional(z.enum(LOCALES)), elder: z.optional(z.boolean()) })
  .check(z.refine((b) => b.locale !== undefined || b.elder !== undefined, "nothing to change"));
