-- The workspace's locale: how numbers are typed and shown in its editor (and, later, rendered
-- in text templates). Admins change it through the existing workspaces_update policy.
ALTER TABLE public.workspaces ADD COLUMN IF NOT EXISTS locale text NOT NULL DEFAULT 'en-US';
--> statement-breakpoint
ALTER TABLE public.workspaces ADD CONSTRAINT workspaces_locale_check
  CHECK (locale IN ('en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR'));
