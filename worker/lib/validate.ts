import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { $ZodType } from "zod/v4/core";
import { errorBody } from "./errors";

/** Schemas per validator middleware, so the OpenAPI document is read off the routes themselves. */
export const validatorSchemas = new WeakMap<object, { target: keyof ValidationTargets; schema: $ZodType }>();

/** Validates one part of the request; failures answer 400 with each issue's path and code. */
export function v<T extends $ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const mw = zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const details = result.error.issues.map((i) => ({
        path: i.path.join("."),
        code: i.code,
        message: i.message,
      }));
      return c.json(errorBody("invalid_input", `invalid ${target}`, details), 400);
    }
  });
  validatorSchemas.set(mw, { target, schema });
  return mw;
}
