import { Badge, Card } from "@/components/ui/card";
import type { ApiTokenSummary } from "@/lib/api-tokens/list-api-tokens";
import { RevokeTokenButton } from "./revoke-token-button";

function when(date: Date | null): string {
  return date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "Never";
}

/** The user's tokens: name, prefix and dates only (the token itself is never stored). */
export function TokenList({ tokens }: { tokens: ApiTokenSummary[] }) {
  if (tokens.length === 0) return <p className="text-sm text-ink-muted">No tokens yet.</p>;
  return (
    <Card>
      <table className="w-full text-sm">
        <caption className="sr-only">Your API tokens</caption>
        <thead className="border-b border-surface-line text-left text-ink-muted">
          <tr>
            <th className="px-4 py-2 font-medium">Name</th>
            <th className="px-4 py-2 font-medium">Token</th>
            <th className="px-4 py-2 font-medium">Created</th>
            <th className="px-4 py-2 font-medium">Last used</th>
            <th className="px-4 py-2 font-medium">
              <span className="sr-only">Status</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className="border-b border-surface-line last:border-0">
              <td className="px-4 py-2 font-medium text-ink">{token.name}</td>
              <td className="px-4 py-2 font-mono">{token.prefix}…</td>
              <td className="px-4 py-2">{when(token.createdAt)}</td>
              <td className="px-4 py-2">{when(token.lastUsedAt)}</td>
              <td className="px-4 py-2 text-right">{token.revokedAt ? <Badge tone="neutral">Revoked</Badge> : <RevokeTokenButton id={token.id} name={token.name} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
