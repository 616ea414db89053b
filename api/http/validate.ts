import type { z } from "zod";
import { ParseError } from "../../core/errors.js";

/** Parse with a zod schema; a failure is a 400 naming each bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ParseError(
    "invalid request",
    r.error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message })),
  );
}
