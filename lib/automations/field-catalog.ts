// A workspace's field catalog: the built-in fields (lib/automations/fields.ts) plus what its admins
// configured: pipelines and their stages, activity types, custom fields. Pure and isomorphic: the
// server builds it from the database (lib/field-catalog/), the editor from the same plain config.

import {
  ACTIVITY_TYPE_OPTIONS,
  DEAL_STAGES,
  ENTITY_TYPES,
  FIELDS,
  isTemplateVariableOf,
  templateVariablesOf,
  type EntityType,
  type FieldDefinition,
  type FieldOption,
  type FieldRef,
  type FieldType,
  type TemplateVariable,
} from "./fields";

export type CatalogStageConfig = { id: string; label: string };
export type CatalogPipelineConfig = { id: string; name: string; stages: CatalogStageConfig[] };
export type CustomFieldConfig = { id?: string; entity: EntityType; key: string; label: string; type: FieldType; options?: FieldOption[] };

/** What a workspace configured, as plain JSON (passed from server pages to the editor). */
export type FieldCatalogConfig = {
  pipelines: CatalogPipelineConfig[];
  activityTypes: FieldOption[];
  customFields: CustomFieldConfig[];
};

/** A stage option names its pipeline (`group`) so pickers can offer one pipeline's stages. */
export type StageOption = FieldOption & { group?: string };

export type FieldCatalog = {
  /** Identifies the catalog's content: compiled automations are cached per (version, stamp). */
  readonly stamp: string;
  readonly config: FieldCatalogConfig;
  readonly stages: readonly StageOption[];
  readonly activityTypes: readonly FieldOption[];
  fieldsFor(entity: EntityType): readonly FieldDefinition[];
  /** Looks up `"<entity>.<key>"`; undefined for anything not in the catalog. */
  getField(path: string): FieldRef | undefined;
  getEntityField(entity: EntityType, key: string): FieldRef | undefined;
  /** Whether the field is one an admin added (not built in). */
  isCustom(path: string): boolean;
  /** The stage id for a stage given by id or label in any case ("Contract sent" → "contract_sent"). */
  resolveStage(value: unknown): string | undefined;
  isActivityType(value: string): boolean;
  templateVariablesFor(entity: EntityType): TemplateVariable[];
  isTemplateVariable(entity: EntityType, path: string): boolean;
};

export const EMPTY_CATALOG_CONFIG: FieldCatalogConfig = { pipelines: [], activityTypes: [], customFields: [] };

/** How stage ids and labels compare: case, spaces, dashes and underscores do not matter. */
export function stageMatchKey(value: string): string {
  return value.trim().toLowerCase().replace(/[\s_-]+/g, "_");
}

function stageOptions(config: FieldCatalogConfig): StageOption[] {
  const configured = config.pipelines.flatMap((pipeline) =>
    pipeline.stages.map((stage) => ({ value: stage.id, label: stage.label, group: pipeline.name })),
  );
  // A workspace that configured no stage keeps the built-in ones.
  return configured.length > 0 ? configured : [...DEAL_STAGES];
}

function stageResolver(stages: readonly StageOption[]): (value: unknown) => string | undefined {
  const byKey = new Map<string, string>();
  // Ids first, so an id always wins over another stage's label of the same spelling.
  for (const stage of stages) if (!byKey.has(stageMatchKey(stage.value))) byKey.set(stageMatchKey(stage.value), stage.value);
  for (const stage of stages) if (!byKey.has(stageMatchKey(stage.label))) byKey.set(stageMatchKey(stage.label), stage.value);
  return (value) => {
    if (typeof value === "number" && Number.isFinite(value)) value = String(value);
    return typeof value === "string" && value.trim() ? byKey.get(stageMatchKey(value)) : undefined;
  };
}

function withStageOptions(field: FieldDefinition, stages: readonly StageOption[]): FieldDefinition {
  return field.key === "stage" ? { ...field, options: stages } : field;
}

function entityFields(config: FieldCatalogConfig, stages: readonly StageOption[], activityTypes: readonly FieldOption[]) {
  const fields = {} as Record<EntityType, FieldDefinition[]>;
  for (const entity of ENTITY_TYPES) {
    const builtIn = FIELDS[entity].map((field) => {
      if (entity === "deal") return withStageOptions(field, stages);
      return entity === "activity" && field.key === "type" ? { ...field, options: activityTypes } : field;
    });
    const custom = config.customFields
      .filter((field) => field.entity === entity)
      .map(({ key, label, type, options }) => (type === "choice" ? { key, label, type, options: options ?? [] } : { key, label, type }));
    fields[entity] = [...builtIn, ...custom];
  }
  return fields;
}

/** A short content hash (FNV-1a): equal configurations share compiled automations. */
function contentStamp(config: FieldCatalogConfig): string {
  const text = JSON.stringify(config);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(36)}.${text.length.toString(36)}`;
}

/** Builds the catalog from a workspace's configuration (the empty one gives today's built-ins). */
export function buildFieldCatalog(config: FieldCatalogConfig): FieldCatalog {
  const stamp = config === EMPTY_CATALOG_CONFIG ? "default" : contentStamp(config);
  const stages = stageOptions(config);
  const activityTypes = config.activityTypes.length > 0 ? config.activityTypes : ACTIVITY_TYPE_OPTIONS;
  const fields = entityFields(config, stages, activityTypes);
  const index = new Map<string, FieldRef>();
  for (const entity of ENTITY_TYPES) {
    for (const field of fields[entity]) index.set(`${entity}.${field.key}`, { ...field, entity, path: `${entity}.${field.key}` });
  }
  const custom = new Set(config.customFields.map((field) => `${field.entity}.${field.key}`));
  const activityTypeSet = new Set(activityTypes.map((type) => type.value));
  const variables = new Map<EntityType, TemplateVariable[]>();
  const catalog: FieldCatalog = {
    stamp,
    config,
    stages,
    activityTypes,
    fieldsFor: (entity) => fields[entity] ?? [],
    getField: (path) => index.get(path),
    getEntityField: (entity, key) => index.get(`${entity}.${key}`),
    isCustom: (path) => custom.has(path),
    resolveStage: stageResolver(stages),
    isActivityType: (value) => activityTypeSet.has(value),
    templateVariablesFor(entity) {
      let list = variables.get(entity);
      if (!list) variables.set(entity, (list = templateVariablesOf(entity, fields[entity] ?? [])));
      return list;
    },
    isTemplateVariable: (entity, path) => isTemplateVariableOf(entity, path, catalog.getEntityField, catalog.templateVariablesFor(entity)),
  };
  return catalog;
}

/** Today's built-in catalog: what a workspace with nothing configured uses. */
export const DEFAULT_FIELD_CATALOG: FieldCatalog = buildFieldCatalog(EMPTY_CATALOG_CONFIG);

/** Per-catalog memo for derived values (zod schemas, indexes) without a global registry. */
export function memoByCatalog<T>(build: (catalog: FieldCatalog) => T): (catalog: FieldCatalog) => T {
  const memo = new WeakMap<FieldCatalog, T>();
  return (catalog) => {
    let value = memo.get(catalog);
    if (value === undefined) memo.set(catalog, (value = build(catalog)));
    return value;
  };
}
