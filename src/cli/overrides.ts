import { inputError } from "../errors.js";
import { setPath } from "../studies/index.js";

/**
 * `--set path=value` on top of a scenario: the path is a parameter path as in sweeps
 * (`film.thickness`, `collector.tips.0.height`; a leading `params.` is accepted) or `name`;
 * the value is read as YAML, so `5 um` stays a quantity string and `[1, 2]` becomes a list.
 */
export async function applyOverrides(scenario: unknown, assignments: string[]): Promise<unknown> {
  if (assignments.length === 0) return scenario;
  const { parse: parseYaml } = await import("yaml");
  const result = structuredClone(scenario) as Record<string, unknown>;
  for (const assignment of assignments) {
    const equals = assignment.indexOf("=");
    if (equals <= 0)
      throw inputError(
        "--set",
        `expected path=value (e.g. film.thickness=5 um), got ${JSON.stringify(assignment)}`,
      );
    const path = assignment
      .slice(0, equals)
      .trim()
      .replace(/^params\./, "");
    const value = parseYaml(assignment.slice(equals + 1));
    if (path === "name") result.name = String(value);
    else {
      if (result.params === null || typeof result.params !== "object") result.params = {};
      setPath(result.params as Record<string, unknown>, path, value);
    }
  }
  return result;
}
