/** What a webhook-source form or button shows after its server action ran. */
export type SourceActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Bumped on every success so a form can reset. */
  version?: number;
};
