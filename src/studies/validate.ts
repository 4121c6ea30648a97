import type { z } from "zod";
import { InputError, type InputProblem } from "../errors.js";
import { checkingPlausibility, describe, PLAUSIBILITY } from "../units/index.js";

export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}

/**
 * A union (e.g. "a quantity or a table") reports every branch's complaint. The useful one comes from
 * the branch whose type matched the input; keep its issues, re-rooted at the union's path.
 */
function unionBranchIssues(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  const matching = issue.errors.filter(
    (branch) => !branch.some((inner) => inner.code === "invalid_type" && inner.path.length === 0),
  );
  if (matching.length !== 1) return undefined;
  return matching[0].map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
}

function problemsOf(issue: z.core.$ZodIssue, prefix: PropertyKey[]): InputProblem[] {
  if (issue.code === "invalid_union") {
    const inner = unionBranchIssues(issue);
    if (inner) return inner.flatMap((i) => problemsOf(i, prefix));
  }
  return [problemOf(issue, prefix)];
}

function problemOf(issue: z.core.$ZodIssue, prefix: PropertyKey[]): InputProblem {
  const path = formatPath([...prefix, ...issue.path]);
  if (issue.code === "unrecognized_keys") {
    return {
      path,
      message: `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`,
    };
  }
  if (issue.code === "custom" || issue.message.includes(", got ")) return { path, message: issue.message };
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return { path, message: `is required (${issue.message.replace(/^Invalid input: /, "")})` };
  }
  return { path, message: `${issue.message.replace(/^Invalid input: /, "")}, got ${describe(issue.input)}` };
}

/** Parses `value` with `schema`, or throws an InputError listing every problem with its field path. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: PropertyKey[] = [],
): z.output<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw refusal(parsed.error, prefix);
}

function refusal(error: z.ZodError, prefix: PropertyKey[]): InputError {
  return new InputError(error.issues.flatMap((issue) => problemsOf(issue, prefix)));
}

const isPlausibilityIssue = (issue: z.core.$ZodIssue) =>
  issue.code === "custom" && issue.params?.kind === PLAUSIBILITY;

/** The branch of a union that failed only because of plausibility issues, re-rooted at the union. */
function warnedBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] | undefined {
  if (issue.code !== "invalid_union") return undefined;
  const branch = issue.errors.find(
    (b) => b.length > 0 && b.every((i) => isPlausibilityIssue(i) || warnedBranch(i)),
  );
  return branch?.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
}

/** Plausibility issues, also those inside the union branches that failed because of them. */
function plausibilityIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (isPlausibilityIssue(issue)) return [issue];
    const branch = warnedBranch(issue);
    return branch ? plausibilityIssues(branch) : [];
  });
}

/**
 * Like `parseOrThrow`, and also lists the implausible bare numbers ("path: why"). The data and the
 * errors always come from a plain parse, so warnings never change what a scenario means: a second
 * parse is needed only when the checked one raised a warning.
 */
export function parseWithWarnings<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: PropertyKey[] = [],
): { data: z.output<S>; warnings: string[] } {
  const checked = checkingPlausibility(() => schema.safeParse(value, { reportInput: true }));
  if (checked.raised === 0) {
    if (checked.value.success) return { data: checked.value.data, warnings: [] };
    throw refusal(checked.value.error, prefix);
  }
  const issues = checked.value.success ? [] : plausibilityIssues(checked.value.error.issues);
  const warnings = issues.map((issue) => `${formatPath([...prefix, ...issue.path])}: ${issue.message}`);
  return { data: parseOrThrow(schema, value, prefix), warnings };
}
