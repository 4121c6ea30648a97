// @vitest-environment happy-dom
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { describeStudy, validateScenario } from "../../src/index.js";
import { mountScenarioEditor, type ScenarioEditor } from "./index.js";

const examplesDir = join(import.meta.dirname, "../../examples");
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith(".yaml"))
  .map((file) => ({ file, scenario: parse(readFileSync(join(examplesDir, file), "utf8")) }));

let editor: ScenarioEditor | undefined;
afterEach(() => editor?.destroy());

function mount(scenario: { study: string; [key: string]: unknown }) {
  const container = document.createElement("div");
  document.body.replaceChildren(container);
  const changes: Record<string, unknown>[] = [];
  editor = mountScenarioEditor(container, {
    schema: describeStudy(scenario.study),
    scenario,
    onChange: (s) => changes.push(s as Record<string, unknown>),
  });
  const field = (path: string) => {
    const found = container.querySelector<HTMLElement>(`[data-path="${path}"]`);
    if (!found) throw new Error(`no field ${path}`);
    return found;
  };
  const type = (input: HTMLInputElement | HTMLTextAreaElement, text: string) => {
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const choose = (select: HTMLSelectElement, label: string) => {
    const option = [...select.options].find((o) => o.textContent === label);
    if (!option) throw new Error(`no option ${label} in ${[...select.options].map((o) => o.textContent)}`);
    select.value = option.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  };
  const click = (element: Element | null) => (element as HTMLElement).click();
  const last = () => changes[changes.length - 1] as { params: Record<string, Record<string, unknown>> };
  return { container, changes, field, type, choose, click, last };
}

describe("the scenario editor", () => {
  it.each(examples)("shows $file without changing it, and its YAML reads back the same", ({ scenario }) => {
    const { container, changes } = mount(scenario);
    expect(editor?.getScenario()).toEqual(scenario);
    const yaml = container.querySelector("textarea")?.value ?? "";
    expect(parse(yaml)).toEqual(scenario);
    expect(changes).toEqual([]);
    expect(container.querySelectorAll(".af-field").length).toBeGreaterThan(2);
  });

  it("shows values of the wrong shape without failing, keeping them for the validator to name", () => {
    const odd = {
      study: "interface-2d",
      params: { layer: "thick", collector: { kinetics: 5, tips: "none" }, sides: "round" },
      sweep: [],
    };
    const { field, type, last } = mount(odd);
    expect(editor?.getScenario()).toEqual(odd);
    expect(
      (field("params.sides").querySelector("select") as HTMLSelectElement).selectedOptions[0].textContent,
    ).toBe("round (not an option)");
    type(field("params.layer.width").querySelector("input") as HTMLInputElement, "40");
    expect(last().params.layer).toEqual({ width: "40 um" });
  });

  it("writes a quantity as value and unit, and only the fields the user touched", () => {
    const { field, type, last } = mount({ study: "interface-2d" });
    const [number, unit] = field("params.layer.ionicConductivity").querySelectorAll("input");
    expect(number.placeholder).toBe("1"); // the default 1 mS/cm, as placeholder
    expect(unit.value).toBe("mS/cm");
    type(number, "0.1");
    expect(last()).toEqual({ study: "interface-2d", params: { layer: { ionicConductivity: "0.1 mS/cm" } } });
    const { params } = validateScenario(last()) as { params: { layer: { ionicConductivity: number } } };
    expect(params.layer.ionicConductivity).toBeCloseTo(0.01, 12);
    type(unit, "S/m");
    expect(last().params.layer).toEqual({ ionicConductivity: "0.1 S/m" });
    type(unit, "");
    expect(last().params.layer).toEqual({ ionicConductivity: 0.1 }); // a bare number is SI
  });

  it("resets a field to its default by removing it", () => {
    const { field, type, click, last } = mount({ study: "interface-2d" });
    type(field("params.layer.thickness").querySelector("input") as HTMLInputElement, "20");
    expect(last().params.layer).toEqual({ thickness: "20 um" });
    click(field("params.layer.thickness").querySelector(".af-reset"));
    expect(last()).toEqual({ study: "interface-2d" });
    expect((field("params.layer.thickness").querySelector("input") as HTMLInputElement).value).toBe("");
  });

  it("switches the kinetics sub-form with its type", () => {
    const { field, choose, type, last } = mount({ study: "interface-2d" });
    const kinetics = field("params.collector.kinetics");
    choose(kinetics.querySelector("select.af-variant") as HTMLSelectElement, "butler-volmer");
    expect(last().params.collector).toEqual({ kinetics: { type: "butler-volmer" } });
    const fields = () =>
      [...field("params.collector.kinetics").querySelectorAll(".af-field")].map(
        (f) => (f as HTMLElement).dataset.path,
      );
    expect(fields()).toContain("params.collector.kinetics.exchangeCurrentDensity");
    expect(fields()).not.toContain("params.collector.kinetics.asr");
    type(
      field("params.collector.kinetics.exchangeCurrentDensity").querySelector("input") as HTMLInputElement,
      "3",
    );
    expect(last().params.collector).toEqual({
      kinetics: { type: "butler-volmer", exchangeCurrentDensity: "3 mA/cm^2" },
    });

    choose(
      field("params.collector.kinetics").querySelector("select.af-variant") as HTMLSelectElement,
      "primary",
    );
    expect(last().params.collector).toEqual({ kinetics: { type: "primary" } });
    expect(fields()).not.toContain("params.collector.kinetics.exchangeCurrentDensity");
  });

  it("adds and removes rows of a table", () => {
    const { field, choose, type, click, last } = mount({ study: "interface-2d" });
    choose(field("params.collector.tips").querySelector("select.af-variant") as HTMLSelectElement, "rows");
    expect(last().params.collector).toEqual({ tips: [] });
    const add = () => click(field("params.collector.tips").querySelector(".af-add"));
    add();
    type(field("params.collector.tips.0.x").querySelector("input") as HTMLInputElement, "5");
    add(); // a new row repeats the last one
    type(field("params.collector.tips.1.x").querySelector("input") as HTMLInputElement, "7");
    expect(last().params.collector).toEqual({ tips: [{ x: "5 um" }, { x: "7 um" }] });
    click(field("params.collector.tips").querySelector(".af-remove"));
    expect(last().params.collector).toEqual({ tips: [{ x: "7 um" }] });
    expect((field("params.collector.tips.0.x").querySelector("input") as HTMLInputElement).value).toBe("7");
  });

  it("edits sweep values and keeps a cleared value's row", () => {
    const scenario = examples.find((e) => e.file === "interface-3d-fig3-sweep.yaml")?.scenario;
    const { field, type, last } = mount(scenario);
    const values = field("sweep.over.contour.height");
    const inputs = values.querySelectorAll<HTMLInputElement>(".af-number");
    expect([...inputs].map((i) => i.value)).toEqual(["25", "50", "75"]);
    type(inputs[1], "");
    expect(last()).toMatchObject({ sweep: { over: { "contour.height": ["25 um", "", "75 um"] } } });
  });

  it("renames a key of a free-key object with the value as last edited, and adds entries", () => {
    const { field, type, click, last } = mount({ study: "eis-fit", params: { initial: { R0: "50 ohm" } } });
    type(field("params.initial.R0").querySelector("input") as HTMLInputElement, "60 ohm");
    const key = field("params.initial").querySelector("input.af-key") as HTMLInputElement;
    key.value = "R1";
    key.dispatchEvent(new Event("change", { bubbles: true }));
    expect(last().params).toEqual({ initial: { R1: "60 ohm" } });
    click(field("params.initial").querySelector(".af-add"));
    expect(Object.keys(last().params.initial)).toHaveLength(2);
    click(field("params.initial").querySelector(".af-remove"));
    expect(Object.keys(last().params.initial)).not.toContain("R1");
  });

  it("fills a pair from its default when one of its two values is edited", () => {
    const { field, type, last } = mount({ study: "grain-energy" });
    const from = field("params.temperatureRange.0").querySelectorAll("input");
    expect([from[0].placeholder, from[1].value]).toEqual(["200", "K"]); // the default [200 K, 400 K]
    type(from[0], "250");
    expect(last().params).toEqual({ temperatureRange: ["250 K", "400 K"] });
  });

  it("shows each message at its field, the rest at the top, and clears old ones", () => {
    const { container, field } = mount({
      study: "interface-2d",
      params: { collector: { tips: [{ x: "1 um" }] } },
    });
    editor?.setErrors([
      { path: "params.layer.thickness", message: "expected a length" },
      { path: "params.collector.tips[0].height", message: "height is required" },
      { path: "", message: "something about the whole file" },
    ]);
    const messages = (path: string) =>
      [...field(path).querySelectorAll(":scope > .af-errors .af-error")].map((e) => e.textContent);
    expect(messages("params.layer.thickness")).toEqual(["expected a length"]);
    expect(messages("params.collector.tips.0.height")).toEqual(["height is required"]);
    expect(container.querySelector(".af-top-errors")?.textContent).toBe("something about the whole file");
    expect(field("params.layer.thickness").classList.contains("af-invalid")).toBe(true);

    // An unknown key has no field: its message goes to the object that holds it.
    editor?.setErrors([{ path: "params.layer.thikness", message: 'unknown field "thikness"' }]);
    expect(messages("params.layer")).toEqual(['unknown field "thikness"']);

    editor?.setErrors([{ path: "params.layer.thickness", message: "expected a positive length" }]);
    expect(messages("params.layer.thickness")).toEqual(["expected a positive length"]);
    expect(messages("params.collector.tips.0.height")).toEqual([]);
    expect(container.querySelector(".af-top-errors")?.textContent).toBe("");
    editor?.setErrors([]);
    expect(container.querySelectorAll(".af-error").length).toBe(0);
  });

  it("takes edits of the YAML view, and leaves the form alone while the YAML does not parse", () => {
    const { container, field, type, changes } = mount({ study: "interface-2d" });
    const yaml = container.querySelector("textarea") as HTMLTextAreaElement;
    type(yaml, "study: interface-2d\nparams:\n  layer: { thickness: 20 um }\n");
    expect(changes.at(-1)).toEqual({ study: "interface-2d", params: { layer: { thickness: "20 um" } } });
    expect((field("params.layer.thickness").querySelector("input") as HTMLInputElement).value).toBe("20");

    type(yaml, "study: interface-2d\nparams:\n  layer: { thickness: 20 um\n");
    expect(container.querySelector(".af-yaml-status")?.textContent).not.toBe("");
    expect(editor?.getScenario()).toEqual({
      study: "interface-2d",
      params: { layer: { thickness: "20 um" } },
    });
    expect((field("params.layer.thickness").querySelector("input") as HTMLInputElement).value).toBe("20");
    expect(changes.length).toBe(1);
  });

  it("updates the YAML view as the form is edited", () => {
    const { container, field, type } = mount({ study: "interface-2d" });
    type(field("params.layer.width").querySelector("input") as HTMLInputElement, "80");
    expect(parse((container.querySelector("textarea") as HTMLTextAreaElement).value)).toEqual({
      study: "interface-2d",
      params: { layer: { width: "80 um" } },
    });
  });
});
