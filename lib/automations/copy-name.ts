// The name a duplicate is offered (and gets when none is chosen). Plain module: the dialog uses it.

const SUFFIX = " (copy)";
const MAX_NAME = 120;

/** "Name (copy)", shortened so the suffix always fits the 120-character limit. */
export function copyName(name: string): string {
  return `${name.slice(0, MAX_NAME - SUFFIX.length).trimEnd()}${SUFFIX}`;
}
