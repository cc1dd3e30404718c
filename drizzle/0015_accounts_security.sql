-- Accounts security (issue 20, items 3-5): sign-in throttling with increasing delays, revocable
-- built-in sessions with an absolute lifetime, and workspace invitations in place of adding an
-- existing account by email.

-- sign_in_attempts: a counter now also says when its next attempt is allowed (per-account delays)
-- and when it was last used (idle counters are pruned with the history).
ALTER TABLE public.sign_in_attempts ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
--> statement-breakpoint
ALTER TABLE public.sign_in_attempts ADD COLUMN last_attempt_at timestamptz NOT NULL DEFAULT now();
--> statement-breakpoint
CREATE INDEX sign_in_attempts_last_attempt_at_idx ON public.sign_in_attempts (last_attempt_at);
--> statement-breakpoint
-- One row per built-in session: the token names it (`sid`), every request checks it is neither
-- revoked nor past its absolute end. Service path only, like sign_in_attempts: no grants, no policies.
CREATE TABLE public.user_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
--> statement-breakpoint
CREATE INDEX user_sessions_user_id_idx ON public.user_sessions (user_id);
--> statement-breakpoint
CREATE INDEX user_sessions_expires_at_idx ON public.user_sessions (expires_at);
--> statement-breakpoint
ALTER TABLE public.user_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- An admin invites an email; whoever signs in with that email sees it and accepts or declines.
CREATE TABLE public.workspace_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES public.workspaces (id) ON DELETE CASCADE,
  email text NOT NULL,
  role text NOT NULL DEFAULT 'member',
  invited_by uuid REFERENCES auth.users (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'pending',
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL DEFAULT now() + interval '14 days',
  responded_at timestamptz,
  CONSTRAINT workspace_invitations_role_check CHECK (role IN ('admin', 'member')),
  CONSTRAINT workspace_invitations_status_check CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
  CONSTRAINT workspace_invitations_email_check CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254)
);
--> statement-breakpoint
CREATE UNIQUE INDEX workspace_invitations_pending_key ON public.workspace_invitations (workspace_id, email) WHERE status = 'pending';
--> statement-breakpoint
CREATE INDEX workspace_invitations_email_pending_idx ON public.workspace_invitations (email) WHERE status = 'pending';
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON public.workspace_invitations TO authenticated, service_role;
--> statement-breakpoint
ALTER TABLE public.workspace_invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Admins see their workspace's invitations; the invitee sees pending ones addressed to their email.
CREATE POLICY workspace_invitations_select ON public.workspace_invitations FOR SELECT TO authenticated
  USING (
    app.is_admin(workspace_id)
    OR (status = 'pending' AND email = lower((SELECT auth.jwt()) ->> 'email'))
  );
--> statement-breakpoint
CREATE POLICY workspace_invitations_insert ON public.workspace_invitations FOR INSERT TO authenticated
  WITH CHECK (app.is_admin(workspace_id) AND invited_by = (SELECT auth.uid()) AND status = 'pending');
--> statement-breakpoint
-- Revoking is an admin's update; accepting and declining go through app.respond_to_invitation.
CREATE POLICY workspace_invitations_update ON public.workspace_invitations FOR UPDATE TO authenticated
  USING (app.is_admin(workspace_id)) WITH CHECK (app.is_admin(workspace_id));
--> statement-breakpoint
-- The invitee's pending invitations with the workspace's name and the inviter's email, which their
-- own policies would hide from someone not yet a member.
CREATE OR REPLACE FUNCTION app.my_invitations()
RETURNS TABLE (id uuid, workspace_name text, role text, invited_by_email text, created_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i.id, w.name, i.role, p.email, i.created_at
  FROM public.workspace_invitations i
  JOIN public.workspaces w ON w.id = i.workspace_id
  LEFT JOIN public.profiles p ON p.id = i.invited_by
  WHERE i.status = 'pending' AND i.expires_at > now()
    AND auth.uid() IS NOT NULL
    AND i.email = lower(auth.jwt() ->> 'email')
  ORDER BY i.created_at DESC
$$;
--> statement-breakpoint
-- Accepts (joins the workspace with the invited role) or declines one of the caller's pending
-- invitations; answers the invitation's workspace, or null when there is no such invitation for them.
CREATE OR REPLACE FUNCTION app.respond_to_invitation(invitation uuid, accept boolean) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  inv public.workspace_invitations%ROWTYPE;
BEGIN
  IF auth.uid() IS NULL THEN RETURN NULL; END IF;
  SELECT * INTO inv FROM public.workspace_invitations i
  WHERE i.id = invitation AND i.status = 'pending' AND i.expires_at > now()
    AND i.email = lower(auth.jwt() ->> 'email')
  FOR UPDATE;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF accept THEN
    INSERT INTO public.workspace_members (workspace_id, user_id, role)
    VALUES (inv.workspace_id, auth.uid(), inv.role)
    ON CONFLICT ON CONSTRAINT workspace_members_pkey DO NOTHING;
  END IF;
  UPDATE public.workspace_invitations
  SET status = CASE WHEN accept THEN 'accepted' ELSE 'declined' END, responded_at = now()
  WHERE id = inv.id;
  RETURN inv.workspace_id;
END
$$;
--> statement-breakpoint
-- Queues the invitation email in the outbox, in the caller's transaction: only an admin of the
-- invitation's workspace, only while it is pending, and always to the invited address.
CREATE OR REPLACE FUNCTION app.queue_invitation_email(invitation uuid, subject text, body text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  inv public.workspace_invitations%ROWTYPE;
BEGIN
  SELECT * INTO inv FROM public.workspace_invitations i WHERE i.id = invitation AND i.status = 'pending';
  IF NOT FOUND OR NOT app.is_admin(inv.workspace_id) THEN RETURN false; END IF;
  INSERT INTO public.outbox (workspace_id, kind, payload)
  VALUES (
    inv.workspace_id,
    'email',
    jsonb_build_object('to', inv.email, 'subject', left(subject, 200), 'body', left(body, 4000), 'invitationId', inv.id)
  );
  RETURN true;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.my_invitations(), app.respond_to_invitation(uuid, boolean), app.queue_invitation_email(uuid, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.my_invitations(), app.respond_to_invitation(uuid, boolean), app.queue_invitation_email(uuid, text, text) TO authenticated, service_role;
