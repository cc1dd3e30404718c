import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { switchWorkspace } from "@/lib/auth/actions";
import { getMyWorkspaces, type Session } from "@/lib/auth/session";

/** For people in several workspaces: picks the active one (kept in a cookie, checked on every request). */
export async function WorkspaceSwitcher({ session }: { session: Session }) {
  const workspaces = await getMyWorkspaces();
  if (workspaces.length < 2) return null;
  return (
    <form action={switchWorkspace} className="flex items-center gap-2">
      <label htmlFor="workspace-switcher" className="sr-only">
        Workspace
      </label>
      <Select id="workspace-switcher" name="workspaceId" defaultValue={session.workspace.id} className="max-w-48">
        {workspaces.map((w) => (
          <option key={w.workspaceId} value={w.workspaceId}>
            {w.name} ({w.role})
          </option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" className="whitespace-nowrap">
        Switch
      </Button>
    </form>
  );
}
