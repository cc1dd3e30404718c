/** The form-level outcome: an error announced to screen readers, or a neutral notice. */
export function FormMessage({ id, error, notice }: { id: string; error?: string; notice?: string }) {
  if (error) {
    return (
      <p id={id} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-danger">
        {error}
      </p>
    );
  }
  if (notice) {
    return (
      <p id={id} role="status" className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-700">
        {notice}
      </p>
    );
  }
  return null;
}
