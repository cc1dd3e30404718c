// Where each part of a normalised input came from, so a validation issue on the stored form
// (["actions", 0, "config", "dueInDays"]) is reported at the path the client sent
// (["input", "action", "due_in_days"]).

export type InputPath = (string | number)[];
export type InputIssue = { path: InputPath; message: string };

export class Origin {
  private readonly children = new Map<string | number, Origin>();

  constructor(readonly path: InputPath) {}

  /** Records that the stored key `key` under this node was sent at `sentPath`. */
  child(key: string | number, sentPath: InputPath): Origin {
    const node = new Origin(sentPath);
    this.children.set(key, node);
    return node;
  }

  /** The node recorded for a stored key (after `rewriteKeys`), to describe what lies below it. */
  at(key: string | number): Origin | undefined {
    return this.children.get(key);
  }

  /** The sent path of a stored path; segments below the last known node are kept as they are. */
  translate(stored: readonly PropertyKey[]): InputPath {
    const key = stored[0];
    if (key === undefined) return this.path;
    const next = typeof key === "symbol" ? undefined : this.children.get(key);
    if (next) return next.translate(stored.slice(1));
    return [...this.path, ...stored.map((k) => (typeof k === "number" ? k : String(k)))];
  }
}
