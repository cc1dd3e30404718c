export * from "./auth";
export * from "./workspaces";
export * from "./automations";
export * from "./webhooks";
export * from "./runs";
export * from "./effects";
export * from "./snapshots";
