import { parse, stringify } from "yaml";
import { h } from "./dom.js";
import type { Problem } from "./protocol.js";

/** The form contract (web/form/index.ts implements it; this page only mounts it). */
export interface ScenarioEditor {
  setScenario(scenario: unknown): void;
  getScenario(): unknown;
  setErrors(errors: Problem[]): void;
  destroy(): void;
}

export interface EditorOptions {
  schema: Record<string, unknown>;
  scenario: unknown;
  onChange: (scenario: unknown) => void;
}

type Mount = (container: HTMLElement, options: EditorOptions) => ScenarioEditor;

// The generated form, when its module is in the build (a glob finds nothing rather than failing);
// bundled with the page, since the form is what the page is for.
const formModules = import.meta.glob<{ mountScenarioEditor: Mount }>("../form/index.ts", { eager: true });

/** Mounts the schema-generated form, or the YAML stand-in while the form is not there. */
export function mountEditor(container: HTMLElement, options: EditorOptions): ScenarioEditor {
  const mount = formModules["../form/index.ts"]?.mountScenarioEditor ?? mountYamlEditor;
  return mount(container, options);
}

/**
 * A YAML text area behind the editor contract: the scenario as a scenario file, parsed on every
 * edit. Problems are listed under it, each marked with its path.
 */
export function mountYamlEditor(container: HTMLElement, options: EditorOptions): ScenarioEditor {
  const text = h("textarea", {
    className: "yaml",
    spellcheck: "false",
    rows: 18,
    "data-scenario-yaml": true,
    "aria-label": "Scenario (YAML)",
  });
  const errors = h("ul", { className: "field-errors" });
  const root = h("div", { className: "yaml-editor" }, text, errors);
  container.replaceChildren(root);
  let parseProblem: Problem | undefined;
  const show = (problems: Problem[]) =>
    errors.replaceChildren(
      ...[...(parseProblem ? [parseProblem] : []), ...problems].map((p) =>
        h("li", { "data-error-path": p.path }, h("code", {}, p.path || "scenario"), `: ${p.message}`),
      ),
    );
  let current = options.scenario;
  const set = (scenario: unknown) => {
    current = scenario;
    parseProblem = undefined;
    text.value = stringify(scenario, { lineWidth: 0 });
  };
  set(options.scenario);
  text.addEventListener("input", () => {
    try {
      current = parse(text.value);
      parseProblem = undefined;
      options.onChange(current);
    } catch (error) {
      parseProblem = { path: "", message: `not valid YAML: ${(error as Error).message}` };
      show([]);
    }
  });
  return {
    setScenario: set,
    getScenario: () => current,
    setErrors: show,
    destroy: () => root.remove(),
  };
}
