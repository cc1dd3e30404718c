import type { Tx } from "./with-user";
import type { Actor, World } from "./rls-world";

/**
 * One row-level security case: what an actor tries, and what the database must answer: the rows
 * they see (by label), how many rows a write touched, or the SQLSTATE that refused it.
 */
export type Expectation = { see: string[] } | { rows: number } | { error: "42501" };

export interface RlsCase {
  table: string;
  actor: Actor;
  does: string;
  run: (tx: Tx, world: World) => Promise<unknown[]>;
  expect: Expectation;
  /** For read cases: the ids of the rows returned, and every label the table's cases name. */
  keys?: (rows: unknown[]) => Array<string | number>;
  universe?: string[];
}

export const DENIED = { error: "42501" } as const;
export const NONE = { rows: 0 } as const;
export const ONE = { rows: 1 } as const;

type Select = (tx: Tx) => Promise<Array<{ id: string | number }>>;

/** The five read cases of a table: who sees which of its rows. */
export function visibility(
  table: string,
  select: Select,
  expected: Record<Actor, string[] | "denied">,
): RlsCase[] {
  const universe = [...new Set(Object.values(expected).flatMap((v) => (v === "denied" ? [] : v)))];
  return (Object.keys(expected) as Actor[]).map((actor) => {
    const want = expected[actor];
    return {
      table,
      actor,
      does: want === "denied" ? `cannot read ${table} at all` : want.length ? `reads ${want.join(", ")} of ${table}` : `reads no ${table}`,
      run: (tx) => select(tx),
      keys: (rows) => (rows as Array<{ id: string | number }>).map((r) => r.id),
      universe,
      expect: want === "denied" ? DENIED : { see: want },
    };
  });
}

export function write(
  table: string,
  actor: Actor,
  does: string,
  expectation: Expectation,
  run: (tx: Tx, world: World) => Promise<unknown[]>,
): RlsCase {
  return { table, actor, does, run, expect: expectation };
}
