/**
 * The scenario as editable YAML, as the CLI reads it. Text that does not parse, or is not a mapping,
 * shows why and leaves the form as it was, so a half-typed edit loses nothing.
 */
import { isMap, parseDocument, stringify } from "yaml";

export interface YamlView {
  /** Shows the scenario, unless the user is editing the text. */
  show(scenario: unknown): void;
}

let views = 0;

export function mountYamlView(
  container: HTMLElement,
  scenario: unknown,
  onEdit: (scenario: unknown) => void,
): YamlView {
  const label = document.createElement("label");
  label.className = "af-label";
  label.textContent = "scenario (YAML)";
  const text = document.createElement("textarea");
  text.className = "af-yaml-text";
  text.spellcheck = false;
  text.rows = 16;
  text.id = `af-yaml-${++views}`;
  label.htmlFor = text.id;
  const status = document.createElement("div");
  status.className = "af-errors af-yaml-status";
  status.setAttribute("role", "status");
  container.replaceChildren(label, text, status);

  const show = (value: unknown) => {
    text.value = stringify(value, { lineWidth: 0 });
  };
  show(scenario);

  text.addEventListener("input", () => {
    const document = parseDocument(text.value, { prettyErrors: true });
    const problem =
      document.errors[0]?.message ??
      (isMap(document.contents) ? undefined : "expected a mapping (study: …, params: …)");
    status.replaceChildren();
    if (problem) {
      const line = Object.assign(window.document.createElement("div"), {
        className: "af-error",
        textContent: problem,
      });
      status.append(line);
      return;
    }
    onEdit(document.toJS());
  });

  return {
    show(value) {
      if (window.document.activeElement === text) return;
      show(value);
      status.replaceChildren();
    },
  };
}
