import { z } from "zod";

export const tokenNameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be at most 100 characters");

export const createTokenInputSchema = z.object({ name: tokenNameSchema });
export type CreateTokenInput = z.output<typeof createTokenInputSchema>;
