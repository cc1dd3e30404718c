import { CopyButton } from "./copy-button";
import { SecretField } from "./secret-field";

/** A Pipedrive source's HTTP Basic user name and password, as Pipedrive's webhook form asks for them. */
export function BasicCredentials({ sourceId, sourceName, username, password }: { sourceId: string; sourceName: string; username: string; password: string }) {
  const id = `source-${sourceId}-basic-user`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="space-y-1">
        <span id={id} className="block text-sm font-medium text-ink">
          HTTP auth user name
        </span>
        <div className="flex items-center gap-2">
          <code aria-labelledby={id} className="min-w-0 flex-1 truncate rounded-md border border-surface-line bg-surface-sunken px-2.5 py-1.5 font-mono text-sm">
            {username}
          </code>
          <CopyButton value={username} label={`Copy the user name of ${sourceName}`} />
        </div>
      </div>
      <SecretField secret={password} sourceName={sourceName} label="HTTP auth password" noun="password" mask={"•".repeat(32)} />
    </div>
  );
}
