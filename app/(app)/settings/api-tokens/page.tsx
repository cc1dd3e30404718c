// Personal API tokens for the GraphQL API (docs/api.md): create (shown once), list, revoke.
import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/api-tokens/create-token-form";
import { TokenList } from "@/components/api-tokens/token-list";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/next";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const session = await requireSession();
  const { db } = await getDb();
  const tokens = await listApiTokens(db, { claims: session.claims, workspaceId: session.workspace.id });
  return (
    <>
      <PageHeader
        title="API tokens"
        description={`Scripts and other systems manage automations through the GraphQL API at /api/graphql, sending a token as "Authorization: Bearer <token>". A token acts with your rights in ${session.workspace.name} only. Examples: docs/api.md in the repository.`}
      />
      <Card className="mb-6 p-5">
        <CreateTokenForm />
      </Card>
      <TokenList tokens={tokens} />
    </>
  );
}
