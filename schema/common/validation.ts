import * as z from "zod/mini";

export const pageFields = {
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  offset: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 0),
};
export const pageQuery = z.object(pageFields);
/** Every entity id in a body, query or path: random text, never a number in sequence. */
export const id = z.string().check(z.minLength(1), z.maxLength(40));
export const idParam = z.object({ id });
