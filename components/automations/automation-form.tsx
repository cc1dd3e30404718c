"use client";
// Create and edit form. The browser validates with the same zod schema the server action uses;
// whatever the server still rejects (e.g. a member outside the workspace) comes back keyed by path
// and is shown under its input through setError.

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { FormProvider, useForm, useFormContext, useWatch, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/field";
import type { MemberOption } from "@/lib/automations/list-assignable-members";
import type { FieldCatalogConfig } from "@/lib/automations/field-catalog";
import { automationInputSchemaFor, type AutomationFormValues, type AutomationInput } from "@/lib/automations/schema";
import { createAutomationAction, updateAutomationAction } from "@/lib/automations/server-actions";
import type { ActionResult } from "@/lib/result";
import { ActionsEditor } from "./action-editor";
import { ConditionsBuilder } from "./conditions-builder";
import { ErrorSummary } from "./error-summary";
import { FieldCatalogProvider, useCatalogOf } from "./field-catalog-context";
import { MembersProvider, useFieldState } from "./form-helpers";
import { BacktestPanel } from "./backtest-panel";
import { NumberFormatProvider, useNumberProblems, withNumberProblems } from "./number-entry";
import { TestRunPanel } from "./test-run-panel";
import { isScheduleTrigger, TriggerPicker, triggerEntity } from "./trigger-picker";
import { useHydrated } from "./use-hydrated";
import { useUnsavedChangesWarning } from "./use-unsaved-changes";

type Props = {
  defaultValues: AutomationFormValues;
  members: readonly MemberOption[];
  /** The workspace's pipelines, activity types and custom fields (getFieldCatalog's configuration). */
  catalog?: FieldCatalogConfig;
  /** The workspace's locale: how numbers are typed and shown. */
  locale: string;
  /** Who owns the entity in test-run sample payloads (the signed-in user, so owner templates resolve). */
  sampleOwner?: string;
  /** Fields a template left for the user to choose: highlighted, with a message, until saved. */
  blanks?: ReadonlyArray<{ path: string; label: string }>;
} & (
  | { mode: "create" }
  | { mode: "edit"; id: string; version: number }
);

export function AutomationForm(props: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const numberProblems = useNumberProblems();
  const catalog = useCatalogOf(props.catalog);
  const form = useForm<AutomationFormValues, unknown, AutomationInput>({
    resolver: withNumberProblems(zodResolver(automationInputSchemaFor(catalog)), numberProblems),
    defaultValues: props.defaultValues,
  });
  const [version, setVersion] = useState(props.mode === "edit" ? props.version : 1);
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { blanks } = props;
  useEffect(() => {
    for (const blank of blanks ?? []) {
      form.setError(blank.path as Path<AutomationFormValues>, { type: "template", message: `Choose the ${blank.label.toLowerCase()} for this template` });
    }
  }, [blanks, form]);
  useUnsavedChangesWarning(form.formState.isDirty && !form.formState.isSubmitting);

  const onSubmit = form.handleSubmit(async (values) => {
    setStatus(null);
    let result: ActionResult<{ id: string; version: number }>;
    try {
      result = props.mode === "create" ? await createAutomationAction(values) : await updateAutomationAction(props.id, version, values);
    } catch {
      result = { ok: false, error: "Could not reach the server. Check your connection and try again." };
    }
    if (!result.ok) {
      for (const [key, message] of Object.entries(result.fieldErrors ?? {})) {
        if (key !== "form") form.setError(key as Path<AutomationFormValues>, { type: "server", message });
      }
      setStatus({ tone: "error", text: result.fieldErrors?.form ?? result.error });
      return;
    }
    if (props.mode === "create") {
      // Saved: nothing left to warn about on the way to the list, which confirms and highlights it.
      form.reset(form.getValues());
      router.push(`/settings/automations?created=${result.data.id}`);
      return;
    }
    setVersion(result.data.version);
    form.reset(form.getValues());
    const unchanged = result.data.version === version;
    setStatus({ tone: "success", text: unchanged ? `Saved. Nothing changed, so this is still version ${version}.` : `Saved. This is version ${result.data.version}.` });
    router.refresh();
  });

  return (
    <FormProvider {...form}>
      <FieldCatalogProvider value={catalog}>
      <NumberFormatProvider value={{ locale: props.locale, problems: numberProblems }}>
      <MembersProvider value={props.members}>
        <form noValidate onSubmit={onSubmit} aria-label={props.mode === "create" ? "New automation" : "Edit automation"}>
          {/* Disabled until hydrated: typed text would otherwise be reset when the form takes over. */}
          <fieldset disabled={!hydrated} className="min-w-0 space-y-6">
            <Section step="1" title="Details">
              <DetailsFields />
            </Section>
            <Section step="2" title="When" description="The event that starts this automation.">
              <TriggerPicker />
            </Section>
            <EntityScopedSections />
            <Section step="5" title="Test run" description="Try the automation as edited on a past event or a sample payload, or on every stored event.">
              <TestRunPanel sampleOwner={props.sampleOwner} />
              <BacktestPanel />
            </Section>
            <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center justify-end gap-3 border-t border-surface-line bg-surface-sunken/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-card sm:border">
              <ErrorSummary />
              {status ? (
                <p role={status.tone === "error" ? "alert" : "status"} className={`mr-auto text-sm font-medium ${status.tone === "error" ? "text-danger" : "text-success"}`}>
                  {status.text}
                </p>
              ) : null}
              <Link href="/settings/automations" className={buttonClass("secondary")}>
                Cancel
              </Link>
              <Button type="submit" disabled={form.formState.isSubmitting}>
                {form.formState.isSubmitting ? "Saving…" : props.mode === "create" ? "Create automation" : "Save changes"}
              </Button>
            </div>
          </fieldset>
        </form>
      </MembersProvider>
      </NumberFormatProvider>
      </FieldCatalogProvider>
    </FormProvider>
  );
}

/** Conditions and actions both depend on the trigger's entity (its fields and template variables). */
function EntityScopedSections() {
  const trigger = useWatch<AutomationFormValues, "trigger">({ name: "trigger" });
  const entity = triggerEntity(trigger);
  return (
    <>
      <Section step="3" title="If" description="Optional. Only events that pass these conditions run the actions.">
        {isScheduleTrigger(trigger) ? (
          <p className="text-sm text-ink-muted">A schedule concerns no deal or contact, so it takes no conditions.</p>
        ) : (
          <ConditionsBuilder entity={entity} />
        )}
      </Section>
      <Section step="4" title="Then" description="Run in order. Text fields can use values from the event.">
        <ActionsEditor entity={entity} />
      </Section>
    </>
  );
}

function DetailsFields() {
  const { register } = useFormContext<AutomationFormValues>();
  const name = useFieldState("name");
  const description = useFieldState("description");
  return (
    <div className="grid gap-4">
      <Field id={name.id} label="Name" error={name.error}>
        <Input {...name.inputProps} autoComplete="off" placeholder="e.g. Follow up when a deal reaches Negotiation" {...register("name")} />
      </Field>
      <Field id={description.id} label="Description (optional)" error={description.error}>
        <Textarea {...description.inputProps} rows={2} {...register("description")} />
      </Field>
    </div>
  );
}

function Section({ step, title, description, children }: { step: string; title: string; description?: string; children: ReactNode }) {
  const headingId = `section-${step}`;
  return (
    <Card className="overflow-hidden">
      <section aria-labelledby={headingId}>
        <header className="flex items-baseline gap-3 border-b border-surface-line px-5 py-3">
          <span aria-hidden className="text-xs font-semibold text-brand-600">
            {step}
          </span>
          <div>
            <h2 id={headingId} className="text-base font-semibold text-ink">
              {title}
            </h2>
            {description ? <p className="text-xs text-ink-muted">{description}</p> : null}
          </div>
        </header>
        <div className="px-5 py-4">{children}</div>
      </section>
    </Card>
  );
}
