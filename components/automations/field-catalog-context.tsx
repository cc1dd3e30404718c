"use client";
// The workspace's field catalog for the automation editor: the page passes the plain configuration
// from the server, the provider builds the catalog once, and every picker reads it from here.

import { createContext, useContext, useMemo } from "react";
import { buildFieldCatalog, DEFAULT_FIELD_CATALOG, type FieldCatalog, type FieldCatalogConfig, type StageOption } from "@/lib/automations/field-catalog";

const FieldCatalogContext = createContext<FieldCatalog>(DEFAULT_FIELD_CATALOG);

function isEmpty(config: FieldCatalogConfig): boolean {
  return config.pipelines.length === 0 && config.activityTypes.length === 0 && config.customFields.length === 0;
}

/** The catalog of a configuration sent by the page, built once per configuration. */
export function useCatalogOf(config: FieldCatalogConfig | undefined): FieldCatalog {
  return useMemo(() => (!config || isEmpty(config) ? DEFAULT_FIELD_CATALOG : buildFieldCatalog(config)), [config]);
}

export const FieldCatalogProvider = FieldCatalogContext.Provider;

export function useFieldCatalog(): FieldCatalog {
  return useContext(FieldCatalogContext);
}

/** `<option>`s for a choice field, under one `<optgroup>` per pipeline when its options name one. */
export function ChoiceOptions({ options }: { options: readonly StageOption[] }) {
  const groups: { name: string | undefined; options: StageOption[] }[] = [];
  for (const option of options) {
    const last = groups[groups.length - 1];
    if (last && last.name === option.group) last.options.push(option);
    else groups.push({ name: option.group, options: [option] });
  }
  return (
    <>
      {groups.map((group, index) => {
        const items = group.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ));
        return group.name ? (
          <optgroup key={`${group.name}-${index}`} label={group.name}>
            {items}
          </optgroup>
        ) : (
          items
        );
      })}
    </>
  );
}
