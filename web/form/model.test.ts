import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  describeStudy,
  type InputError,
  planSweep,
  studies,
  units,
  validateScenario,
} from "../../src/index.js";
import { quantityFromInput, quantityToInput } from "./codecs.js";
import { buildFieldTree, type FieldNode, type NodeOf, walk } from "./model.js";
import { getPath, setPath, unsetPath } from "./paths.js";
import { SAMPLER_METHODS, scenarioFieldTree } from "./scenarioTree.js";
import { knownDimensions, unitsFor } from "./units.js";
import { chooseVariant, initialValue, type Mismatch, throughForm, variantValue } from "./values.js";

const examplesDir = join(import.meta.dirname, "../../examples");
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith(".yaml"))
  .map((file) => ({ file, scenario: parse(readFileSync(join(examplesDir, file), "utf8")) }));

function nodeAt(tree: FieldNode, path: string[]): FieldNode {
  let node = tree;
  for (const key of path) {
    if (node.kind !== "object") throw new Error(`${key}: not an object (${node.kind})`);
    const field = node.fields.find((f) => f.key === key);
    if (!field) throw new Error(`no field ${key}`);
    node = field.node;
  }
  return node;
}

function paramsTree(study: string): FieldNode {
  return buildFieldTree(describeStudy(study));
}

describe("the field tree of every study's schema", () => {
  it.each(studies.map((s) => s.id))("%s: every node is one the form can render", (id) => {
    const tree = scenarioFieldTree(describeStudy(id));
    const unsupported = [...walk(tree)]
      .filter(({ node }) => node.kind === "unsupported")
      .map(({ node, path }) => `${path.join(".")}: ${(node as NodeOf<"unsupported">).reason}`);
    expect(unsupported).toEqual([]);
    expect(tree.fields.find((f) => f.key === "study")?.node).toMatchObject({ kind: "const", value: id });
  });

  it("every quantity in every schema has a dimension the unit box has units for", () => {
    const missing = studies.flatMap((s) =>
      [...walk(paramsTree(s.id))]
        .filter(({ node }) => node.kind === "quantity" && !knownDimensions.includes(node.dimension))
        .map(({ path }) => `${s.id}: ${path.join(".")}`),
    );
    expect(missing).toEqual([]);
  });
});

describe("scenario -> form -> scenario", () => {
  it("covers every study that has an example", () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it.each(examples)("$file is unchanged by the form", ({ scenario }) => {
    const tree = scenarioFieldTree(describeStudy(scenario.study));
    const mismatches: Mismatch[] = [];
    expect(throughForm(tree, scenario, "", mismatches)).toEqual(scenario);
    expect(mismatches).toEqual([]);
  });

  it("reports a key the form has no field for", () => {
    const tree = scenarioFieldTree(describeStudy("interface-2d"));
    const mismatches: Mismatch[] = [];
    throughForm(tree, { study: "interface-2d", params: { layer: { thikness: "5 um" } } }, "", mismatches);
    expect(mismatches.map((m) => m.path)).toEqual(["params.layer.thikness"]);
  });
});

describe("quantities", () => {
  it("are recognised with their dimension and SI unit", () => {
    const thickness = nodeAt(paramsTree("interface-2d"), ["layer", "thickness"]);
    expect(thickness).toMatchObject({ kind: "quantity", dimension: "length", unit: "m", default: "10 um" });
    const conductivity = nodeAt(paramsTree("interface-2d"), ["layer", "ionicConductivity"]);
    expect(conductivity).toMatchObject({ kind: "quantity", dimension: "conductivity", unit: "S/m" });
  });

  it("offer units that the CLI's parser reads as that dimension", () => {
    for (const dimension of Object.values(units.dimensions)) {
      const offered = unitsFor(dimension.name, dimension.si, dimension.example);
      expect(offered).toContain(dimension.si);
      for (const unit of offered) {
        const parsed = units.parseQuantity(`2 ${unit}`, dimension);
        expect(parsed.ok, `${unit} as ${dimension.name}`).toBe(true);
      }
    }
  });

  it("split into number and unit and join back as written", () => {
    expect(quantityToInput("10 um")).toEqual({ value: "10", unit: "um", separator: " " });
    expect(quantityToInput("1e-3 s^-1")).toMatchObject({ value: "1e-3", unit: "s^-1" });
    expect(quantityToInput("-0.5 V")).toMatchObject({ value: "-0.5", unit: "V" });
    expect(quantityToInput(300)).toMatchObject({ value: "300", unit: "" });
    for (const written of ["10um", "0.3 MPa*m^0.5", "25 degC", ".5 mA/cm^2", "6e-11 cm^2/s", 1e-5])
      expect(quantityFromInput(quantityToInput(written))).toEqual(written);
    expect(quantityFromInput({ value: "", unit: "um", separator: " " })).toBeUndefined();
  });

  it("written by the form are what the CLI's validator accepts or names at the field", () => {
    const scenario = { study: "interface-2d", params: {} };
    setPath(
      scenario,
      ["params", "layer", "thickness"],
      quantityFromInput({ value: "20", unit: "um", separator: " " }),
    );
    setPath(
      scenario,
      ["params", "layer", "ionicConductivity"],
      quantityFromInput({ value: "0.1", unit: "mS/cm", separator: " " }),
    );
    const { params } = validateScenario(scenario) as {
      params: { layer: { thickness: number; ionicConductivity: number } };
    };
    expect(params.layer.thickness).toBeCloseTo(20e-6, 15);
    expect(params.layer.ionicConductivity).toBeCloseTo(0.01, 12); // 0.1 mS/cm = 0.01 S/m

    setPath(
      scenario,
      ["params", "layer", "thickness"],
      quantityFromInput({ value: "10", unit: "mA", separator: " " }),
    );
    let problems: { path: string }[] = [];
    try {
      validateScenario(scenario);
    } catch (error) {
      problems = (error as InputError).problems;
    }
    expect(problems.map((p) => p.path)).toEqual(["params.layer.thickness"]);
  });
});

describe("unions", () => {
  const kinetics = nodeAt(paramsTree("interface-2d"), ["collector", "kinetics"]) as NodeOf<"union">;

  it("with a constant per variant switch sub-forms by that key", () => {
    expect(kinetics.kind).toBe("union");
    expect(kinetics.discriminator).toBe("type");
    expect(kinetics.variants.map((v) => v.tag)).toEqual([
      "primary",
      "linear",
      "butler-volmer",
      "tafel",
      "marcus-hush-chidsey",
    ]);
    const bv = { type: "butler-volmer", exchangeCurrentDensity: "1 mA/cm^2" };
    expect(chooseVariant(kinetics, bv)).toBe(2);
    const fieldsOf = (i: number) => (kinetics.variants[i].node as NodeOf<"object">).fields.map((f) => f.key);
    expect(fieldsOf(1)).toEqual(["type", "asr"]);
    expect(fieldsOf(2)).toContain("exchangeCurrentDensity");

    // To primary: only the key; back to linear: the schema's default, which is a linear one.
    expect(variantValue(kinetics, kinetics.variants[0], bv)).toEqual({ type: "primary" });
    expect(variantValue(kinetics, kinetics.variants[1], bv)).toEqual(kinetics.default);
    expect(chooseVariant(kinetics, kinetics.default)).toBe(1);
  });

  it("keep the fields both variants share when switching", () => {
    const potential = nodeAt(paramsTree("buffer-layer"), ["lithiationPotential"]) as NodeOf<"union">;
    expect(potential.discriminator).toBe("model");
    const thermo = potential.variants.find((v) => v.tag === "thermo");
    expect(thermo && variantValue(potential, thermo, { model: "plateau", potential: "90 mV" })).toEqual({
      model: "thermo",
      system: "Li-Mg",
    });
  });

  it("without a discriminator pick the variant by the value's shape", () => {
    const diffusivity = nodeAt(paramsTree("alloy-film"), ["film", "diffusivity"]) as NodeOf<"union">;
    expect(diffusivity.variants.map((v) => v.node.kind)).toEqual(["quantity", "array", "object"]);
    expect(chooseVariant(diffusivity, "1e-11 cm^2/s")).toBe(0);
    expect(chooseVariant(diffusivity, [{ fraction: 0, value: "1e-11 cm^2/s" }])).toBe(1);
    // Any table may be a CSV file instead (src/cli/tables.ts).
    expect(chooseVariant(diffusivity, { csv: "d.csv" })).toBe(2);

    const data = nodeAt(paramsTree("cycling"), ["data"]) as NodeOf<"union">;
    expect(chooseVariant(data, { file: "a.mpt" })).toBe(data.variants.findIndex((v) => v.label === "file"));
    expect(chooseVariant(data, { synthetic: {} })).toBe(
      data.variants.findIndex((v) => v.label === "synthetic"),
    );
  });

  it("of constants are a select", () => {
    expect(nodeAt(paramsTree("eis-fit"), ["drt", "derivative"])).toMatchObject({
      kind: "enum",
      options: [1, 2],
    });
  });
});

describe("arrays and paths", () => {
  it("a new tip row starts with the required discriminated kinetics blank, other fields unset", () => {
    const tips = nodeAt(paramsTree("interface-2d"), ["collector", "tips"]) as NodeOf<"union">;
    expect(tips.variants.map((v) => v.label)).toEqual(["rows", "CSV file"]);
    const rows = tips.variants[0].node as NodeOf<"array">;
    expect(rows.kind).toBe("array");
    const row = initialValue(rows.item) as Record<string, unknown>;
    expect(Object.keys(row).every((k) => k === "kinetics")).toBe(true);
  });

  it("add and remove rows by path; removing the last field of an object removes the object", () => {
    const scenario: Record<string, unknown> = { study: "interface-2d" };
    setPath(scenario, ["params", "collector", "tips"], []);
    setPath(scenario, ["params", "collector", "tips", 0], { x: "0 um" });
    setPath(scenario, ["params", "collector", "tips", 1], { x: "5 um" });
    expect(getPath(scenario, ["params", "collector", "tips", 1, "x"])).toBe("5 um");
    unsetPath(scenario, ["params", "collector", "tips", 0]);
    expect(getPath(scenario, ["params", "collector", "tips"])).toEqual([{ x: "5 um" }]);
    unsetPath(scenario, ["params", "collector", "tips", 0, "x"]);
    expect(getPath(scenario, ["params", "collector", "tips"])).toEqual([{}]);
    unsetPath(scenario, ["params", "collector", "tips"]);
    expect(scenario).toEqual({ study: "interface-2d" });
  });
});

describe("the sweep block", () => {
  it("lists the values of a swept parameter as that parameter's kind (lengths for a thickness)", () => {
    const tree = scenarioFieldTree(describeStudy("interface-2d"));
    const over = nodeAt(tree, ["sweep", "over"]) as NodeOf<"record">;
    expect(over.kind).toBe("record");
    expect(over.keyHints).toContain("layer.thickness");
    expect(over.keyHints).toContain("collector.kinetics.asr");
    const thickness = over.valueByKey?.["layer.thickness"] as NodeOf<"union">;
    expect(thickness.variants.map((v) => v.label)).toEqual([
      "list",
      "linspace",
      "logspace",
      "range (sampled)",
    ]);
    expect(thickness.variants[0].node).toMatchObject({
      kind: "array",
      item: { kind: "quantity", dimension: "length", hasDefault: false },
    });
    expect(chooseVariant(thickness, ["5 um", "10 um"])).toBe(0);
    expect(chooseVariant(thickness, { logspace: ["1 um", "100 um", 3] })).toBe(2);
    expect(chooseVariant(thickness, { range: ["1 um", "2 um"], scale: "log" })).toBe(3);
  });

  it.each(SAMPLER_METHODS)("offers the sampler %s, which the sweep planner accepts", (method) => {
    const plan = planSweep({
      study: "interface-2d",
      sweep: {
        over: {
          "layer.thickness": { range: ["5 um", "10 um"] },
          "layer.width": { range: ["40 um", "60 um"] },
        },
        sampler: { method, samples: 2 },
      },
    });
    expect(plan.points.length).toBeGreaterThanOrEqual(2);
  });
});

describe("references", () => {
  it("$ref into $defs is followed; a recursive one is refused, not looped on", () => {
    const tree = buildFieldTree({
      type: "object",
      properties: { a: { $ref: "#/$defs/len" }, c: { $ref: "#/$defs/len" }, b: { $ref: "#/$defs/node" } },
      $defs: {
        len: { type: ["string", "number"], dimension: "length", unit: "m", example: "5 um" },
        node: { type: "object", properties: { next: { $ref: "#/$defs/node" } } },
      },
    });
    expect(nodeAt(tree, ["a"])).toMatchObject({ kind: "quantity", dimension: "length" });
    expect(nodeAt(tree, ["c"])).toMatchObject({ kind: "quantity", dimension: "length" });
    expect(nodeAt(tree, ["b", "next"])).toMatchObject({ kind: "unsupported" });
  });
});
