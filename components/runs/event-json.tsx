// The event as received (normalised on receipt), pretty-printed, with the fields the event changed
// highlighted next to their previous values: the first thing to check when a run surprises you.

type Line = { key: string; indent: number; text: string; change?: { was: string } | "previous" };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function printLines(value: unknown, path: string[], indent: number, prefix: string, comma: string, previous: Record<string, unknown>, out: Line[]) {
  const key = path.join(".") || "(root)";
  const changedKey = path.length === 3 && path[0] === "entity" && path[1] === "data" && Object.hasOwn(previous, path[2]) ? path[2] : null;
  const change: Line["change"] = changedKey !== null ? { was: JSON.stringify(previous[changedKey]) ?? "undefined" } : path.length === 2 && path[0] === "previous" ? "previous" : undefined;
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : isRecord(value) ? Object.entries(value) : null;
  if (!entries) {
    out.push({ key, indent, text: `${prefix}${JSON.stringify(value) ?? "null"}${comma}`, change });
    return;
  }
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    out.push({ key, indent, text: `${prefix}${open}${close}${comma}`, change });
    return;
  }
  out.push({ key: `${key}:open`, indent, text: `${prefix}${open}`, change });
  entries.forEach(([childKey, child], index) => {
    const childPrefix = Array.isArray(value) ? "" : `${JSON.stringify(childKey)}: `;
    printLines(child, [...path, childKey], indent + 1, childPrefix, index < entries.length - 1 ? "," : "", previous, out);
  });
  out.push({ key: `${key}:close`, indent, text: `${close}${comma}` });
}

export function EventJson({ payload }: { payload: unknown }) {
  const previous = isRecord(payload) && isRecord(payload.previous) ? payload.previous : {};
  const lines: Line[] = [];
  printLines(payload, [], 0, "", "", previous, lines);
  const changed = Object.keys(previous);
  return (
    <div>
      {changed.length > 0 ? (
        <p className="mb-2 text-xs text-ink-muted">
          Highlighted: what this event changed ({changed.join(", ")}), with the previous values it reported.
        </p>
      ) : null}
      <pre aria-label="Event payload" className="max-h-[32rem] overflow-auto rounded-md bg-surface-sunken p-3 font-mono text-xs leading-5 text-ink">
        {lines.map((line) => {
          const text = `${"  ".repeat(line.indent)}${line.text}`;
          if (!line.change) return <div key={line.key}>{text}</div>;
          if (line.change === "previous") return <div key={line.key}><mark className="bg-amber-100 text-ink">{text}</mark></div>;
          return (
            <div key={line.key}>
              <mark className="bg-green-100 text-ink">{text}</mark>
              <span className="ml-2 text-amber-700">{`← was ${line.change.was}`}</span>
            </div>
          );
        })}
      </pre>
    </div>
  );
}
