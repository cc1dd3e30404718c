// The rule engine's public surface. Pure: no database, no Next.js, no clock (callers pass `now`).

export * from "./event";
export * from "./conditions";
export * from "./templates";
export * from "./compile-automation";
export * from "./plan";
export { BoundedCache } from "./bounded-cache";
export { explainNoRuns } from "./explain-no-runs";
