// Form schemas for webhook sources, shared by the client form and the server actions.
import { z } from "zod";
import { PAYLOAD_FORMATS } from "../adapters/types";

export const createSourceSchema = z.object({
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, "Name is required")
    .max(100, "Name must be at most 100 characters"),
  format: z.enum(PAYLOAD_FORMATS, { error: "Choose a payload format" }),
});

export type CreateSourceInput = z.output<typeof createSourceSchema>;

export const sourceIdSchema = z.uuid({ error: "Unknown webhook source" });
