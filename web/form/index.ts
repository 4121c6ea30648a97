/**
 * The scenario editor of the web app (issue 19): a form generated from the chosen study's JSON schema
 * and an editable YAML view of the same scenario, kept in sync both ways. It does not validate: the
 * page runs the CLI's validator in a worker and hands its messages to `setErrors`.
 */
import "./form.css";
import { getPath, type Path, pathKey, setPath, unsetPath } from "./paths.js";
import { type RenderContext, renderField } from "./render.js";
import { scenarioFieldTree } from "./scenarioTree.js";
import { mountYamlView } from "./yamlView.js";

export interface ScenarioEditor {
  /** Replaces the scenario shown (does not call onChange). */
  setScenario(scenario: unknown): void;
  getScenario(): unknown;
  /** Shows each message at its field ("params.layer.thickness", "params.tips.0.height" or "params.tips[0].height"), replacing the previous ones. */
  setErrors(errors: { path: string; message: string }[]): void;
  destroy(): void;
}

type Scenario = Record<string, unknown>;

const asScenario = (value: unknown): Scenario =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? structuredClone(value as Scenario)
    : {};

let editors = 0;

export function mountScenarioEditor(
  container: HTMLElement,
  options: {
    schema: Record<string, unknown>;
    scenario: unknown;
    onChange: (scenario: unknown) => void;
  },
): ScenarioEditor {
  const prefix = `af${++editors}`;
  const tree = scenarioFieldTree(options.schema);
  let scenario = asScenario(options.scenario);
  let errors: { path: string; message: string }[] = [];
  const openGroups = new Map<string, boolean>();
  let slots = new Map<string, HTMLElement>();

  const root = document.createElement("div");
  root.className = "af-editor";
  const topErrors = document.createElement("div");
  topErrors.className = "af-errors af-top-errors";
  const form = document.createElement("form");
  form.className = "af-form";
  form.noValidate = true;
  form.addEventListener("submit", (event) => event.preventDefault());
  const lists = document.createElement("div");
  const yamlBox = document.createElement("div");
  yamlBox.className = "af-yaml";
  root.append(topErrors, form, yamlBox, lists);
  container.replaceChildren(root);

  const changed = () => {
    yaml.show(scenario);
    options.onChange(structuredClone(scenario));
  };

  const datalists = new Set<string>();
  let ids = 0;
  const context: RenderContext = {
    value: (path) => getPath(scenario, path),
    write(path: Path, value: unknown) {
      if (value === undefined) unsetPath(scenario, path);
      else setPath(scenario, path, value);
      changed();
    },
    restructure(change) {
      change();
      render();
    },
    errorSlot: (path, slot) => slots.set(pathKey(path), slot),
    openGroups,
    datalist(name, values) {
      const id = `${prefix}-${name.replace(/[^\w-]/g, "_")}`;
      if (!datalists.has(id)) {
        datalists.add(id);
        const list = document.createElement("datalist");
        list.id = id;
        for (const value of values) list.append(Object.assign(document.createElement("option"), { value }));
        lists.append(list);
      }
      return id;
    },
    id: () => `${prefix}-f${++ids}`,
  };

  function render() {
    slots = new Map();
    form.replaceChildren(
      ...tree.fields.map((f) => renderField(context, f.node, [f.key], f.key, f.required, 0)),
    );
    showErrors();
  }

  function showErrors() {
    topErrors.replaceChildren();
    for (const slot of slots.values()) slot.replaceChildren();
    form.querySelectorAll(".af-invalid").forEach((node) => {
      node.classList.remove("af-invalid");
    });
    for (const { path, message } of errors) {
      const slot = slotFor(path);
      const line = document.createElement("div");
      line.className = "af-error";
      line.textContent = slot ? message : path ? `${path}: ${message}` : message;
      (slot ?? topErrors).append(line);
      if (!slot) continue;
      const field = slot.parentElement;
      field?.classList.add("af-invalid");
      for (let up = field?.parentElement; up && up !== form; up = up.parentElement)
        if (up instanceof HTMLDetailsElement) up.open = true;
    }
  }

  /** The field of an error's path, or of its nearest ancestor that has one (an unknown key's object). */
  function slotFor(path: string): HTMLElement | undefined {
    const parts = path
      .replace(/\[(\d+)\]/g, ".$1")
      .split(".")
      .filter(Boolean);
    for (let n = parts.length; n > 0; n--) {
      const slot = slots.get(parts.slice(0, n).join("."));
      if (slot) return slot;
    }
    return undefined;
  }

  const yaml = mountYamlView(yamlBox, scenario, (edited) => {
    scenario = asScenario(edited);
    render();
    options.onChange(structuredClone(scenario));
  });
  render();

  return {
    setScenario(next) {
      scenario = asScenario(next);
      yaml.show(scenario);
      render();
    },
    getScenario: () => structuredClone(scenario),
    setErrors(next) {
      errors = next.map(({ path, message }) => ({ path, message }));
      showErrors();
    },
    destroy() {
      container.replaceChildren();
    },
  };
}
