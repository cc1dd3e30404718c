"use client";
// After a refused save, the sticky save bar lists every problem as a link to its control, so an
// error above the view (an empty group) is as visible as the one focus jumped to.

import { useFormContext, type FieldErrors } from "react-hook-form";
import { fieldId } from "./form-helpers";

export type Problem = { path: string; message: string };

const META_KEYS = new Set(["ref", "type", "types", "message"]);

/** Every message in react-hook-form's error tree with its dotted path (`.root` folds into its array). */
export function listProblems(errors: FieldErrors, prefix = ""): Problem[] {
  const problems: Problem[] = [];
  const node = errors as Record<string, unknown>;
  if (typeof node.message === "string" && prefix) problems.push({ path: prefix, message: node.message });
  for (const [key, child] of Object.entries(node)) {
    if (META_KEYS.has(key) || !child || typeof child !== "object") continue;
    const path = key === "root" ? prefix : prefix ? `${prefix}.${key}` : key;
    problems.push(...listProblems(child as FieldErrors, path));
  }
  return problems;
}

/** `conditions.conditions.1.conditions.0.value` → "Condition 2.1: Value"; `actions.0.config.subject` → "Action 1: Subject". */
export function describeProblemPath(path: string): string {
  const parts = path.split(".");
  if (parts[0] === "conditions") {
    const numbers: number[] = [];
    let index = 1;
    while (parts[index] === "conditions" && /^\d+$/.test(parts[index + 1] ?? "")) {
      numbers.push(Number(parts[index + 1]) + 1);
      index += 2;
    }
    const rest = parts.slice(index).filter((part) => part !== "conditions");
    const where = numbers.length === 0 ? "Conditions" : rest.length === 0 && parts[index] === "conditions" ? `Group ${numbers.join(".")}` : `Condition ${numbers.join(".")}`;
    const what = rest.length > 0 ? `: ${label(rest[rest.length - 1])}` : "";
    return `${where}${what}`;
  }
  if (parts[0] === "actions" && /^\d+$/.test(parts[1] ?? "")) {
    const what = parts.slice(2).filter((part) => part !== "config" && !/^\d+$/.test(part));
    return `Action ${Number(parts[1]) + 1}${what.length ? `: ${label(what[what.length - 1])}` : ""}`;
  }
  if (parts[0] === "trigger") return `Trigger${parts[1] ? `: ${label(parts[parts.length - 1])}` : ""}`;
  return label(parts[parts.length - 1]);
}

function label(key: string): string {
  const words = key.replace(/([A-Z])/g, " $1").toLowerCase();
  return words[0].toUpperCase() + words.slice(1);
}

/** Scrolls to and focuses the control at the path, or its message when it has no control (a group). */
function reveal(path: string): void {
  const id = fieldId(path);
  const target = document.getElementById(id) ?? document.getElementById(`${id}-error`);
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  if (!target.matches("input, select, textarea, button")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
}

export function ErrorSummary() {
  const { formState } = useFormContext();
  const problems = formState.submitCount > 0 ? listProblems(formState.errors) : [];
  if (problems.length === 0) return null;
  return (
    <nav aria-label="Problems to fix" className="mr-auto max-h-40 overflow-y-auto text-sm">
      <p className="font-medium text-danger">
        {problems.length === 1 ? "1 problem to fix:" : `${problems.length} problems to fix:`}
      </p>
      <ul className="list-disc pl-5">
        {problems.map((problem) => (
          <li key={problem.path}>
            <a
              href={`#${fieldId(problem.path)}`}
              className="text-danger underline"
              onClick={(event) => {
                event.preventDefault();
                reveal(problem.path);
              }}
            >
              {describeProblemPath(problem.path)}: {problem.message}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
