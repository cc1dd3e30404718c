// Says which URL filters were dropped as invalid (a hand-edited or broken link), so a wider view
// than the link asked for never passes for the filtered one.

export function IgnoredFiltersNotice({ ignored }: { ignored: readonly string[] }) {
  if (ignored.length === 0) return null;
  const names = ignored.map((param) => `“${param}”`).join(", ");
  return (
    <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-warning">
      {ignored.length === 1 ? `The filter ${names} has an invalid value and was ignored.` : `The filters ${names} have invalid values and were ignored.`}
    </p>
  );
}
