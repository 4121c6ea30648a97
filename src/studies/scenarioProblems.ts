import { InputError } from "../errors.js";
import { validateScenario } from "./registry.js";

/** The "path: message" lines with which a scenario is refused (empty when it is accepted). */
export function scenarioProblems(scenario: unknown): string[] {
  try {
    validateScenario(scenario);
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}
