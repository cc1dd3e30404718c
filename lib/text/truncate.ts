// Cutting text to a length for display or storage: the result, ellipsis included, is at most
// `max` characters, and a surrogate pair is never split (its lone half could not be stored).

export const ELLIPSIS = "…";

export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - ELLIPSIS.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${ELLIPSIS}`;
}
