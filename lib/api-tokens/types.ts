/** What the token form shows after its server action ran; `token` is there once, right after creation. */
export type TokenActionState = {
  ok?: boolean;
  error?: string;
  fieldErrors?: Record<string, string>;
  created?: { name: string; prefix: string; token: string };
  /** Bumped on every success so the form resets. */
  version?: number;
};
