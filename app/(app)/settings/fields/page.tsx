// Pipelines and fields (admins): the workspace's pipelines and stages, activity types and custom
// fields, which the automation editor, conditions and the webhook ingest then use.
import type { Metadata } from "next";
import { ActivityTypesEditor } from "@/components/field-catalog/activity-types-editor";
import { CustomFieldsEditor } from "@/components/field-catalog/custom-fields-editor";
import { PipelinesSection } from "@/components/field-catalog/pipelines-section";
import { PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { withUser } from "@/db/with-user";
import { requireAdmin } from "@/lib/auth/session";
import { ACTIVITY_TYPE_OPTIONS, DEAL_STAGES } from "@/lib/automations/fields";
import { readFieldCatalog } from "@/lib/field-catalog/read-field-catalog";

export const metadata: Metadata = { title: "Pipelines and fields" };

export default async function FieldsSettingsPage() {
  const session = await requireAdmin();
  const { db } = await getDb();
  const stored = await withUser(db, session.claims, (tx) => readFieldCatalog(tx, session.workspace.id));
  const config = stored?.config ?? { pipelines: [], activityTypes: [], customFields: [] };
  return (
    <>
      <PageHeader title="Pipelines and fields" description="The stages, activity types and custom fields your CRM sends, so automations can offer them like the built-in ones." />
      <section aria-labelledby="pipelines-heading" className="mb-8">
        <h2 id="pipelines-heading" className="mb-3 text-lg font-semibold text-ink">Pipelines</h2>
        <PipelinesSection pipelines={config.pipelines} builtInStages={DEAL_STAGES} />
      </section>
      <section aria-labelledby="activity-types-heading" className="mb-8">
        <h2 id="activity-types-heading" className="mb-3 text-lg font-semibold text-ink">Activity types</h2>
        <ActivityTypesEditor configured={config.activityTypes} builtIn={ACTIVITY_TYPE_OPTIONS} />
      </section>
      <section aria-labelledby="custom-fields-heading">
        <h2 id="custom-fields-heading" className="mb-3 text-lg font-semibold text-ink">Custom fields</h2>
        <CustomFieldsEditor fields={config.customFields} />
      </section>
    </>
  );
}
