/**
 * The field tree of a whole scenario file: { study, name, description, params, sweep }, with the
 * study's parameters from its schema and the sweep block (SPEC 1.3, docs/sweeps.md), which no study
 * schema describes, written out here in the same terms.
 */
import { buildFieldTree, type FieldNode, type Json, type NodeOf, walk } from "./model.js";

/** As src/studies/sweep/samplers.ts reads them (model.test.ts plans a sweep with each). */
export const SAMPLER_METHODS = ["latin-hypercube", "uniform", "sobol", "saltelli", "morris"];

const sweepSchema: Json = {
  type: "object",
  description: "run the scenario over several values of its parameters (anodefree sweep)",
  properties: {
    mode: {
      type: "string",
      enum: ["grid", "zip", "sample"],
      description:
        "grid: every combination; zip: the i-th values together; sample: points drawn by the sampler",
    },
    over: {
      type: "object",
      description: "parameter path (e.g. layer.thickness) -> its values",
      propertyNames: { type: "string" },
      additionalProperties: {},
    },
    sampler: {
      type: "object",
      description: "draws the points of `range` axes",
      properties: {
        method: { type: "string", enum: SAMPLER_METHODS },
        samples: { type: "integer", description: "base sample count N (saltelli runs N (d + 2) points)" },
        seed: { type: "integer", default: 1 },
        levels: { type: "integer", description: "morris only: grid levels (even; default 4)" },
      },
      required: ["method", "samples"],
    },
    constraints: {
      type: "array",
      description: "conditions every point must meet, e.g. contour.height < 0.63 * contour.period",
      items: { type: "string" },
    },
  },
  required: ["over"],
};

const blank = { hasDefault: false, default: undefined } as const;

function objectOf(fields: Record<string, FieldNode>, required: string[]): FieldNode {
  return {
    ...blank,
    kind: "object",
    fields: Object.entries(fields).map(([key, node]) => ({ key, node, required: required.includes(key) })),
  };
}

/**
 * The values of one swept parameter, each of the parameter's own kind (lengths for a thickness):
 * a list, evenly or log-spaced values, or a range for a sampler (src/studies/sweep/axes.ts).
 */
function axis(leaf: FieldNode): FieldNode {
  const value = { ...leaf, ...blank, description: undefined };
  const ends = (more: FieldNode[]): FieldNode => ({
    ...blank,
    kind: "tuple",
    items: [{ ...value, description: "from" }, { ...value, description: "to" }, ...more],
  });
  const count: FieldNode = { ...blank, kind: "number", integer: true, description: "count" };
  const scale: FieldNode = { kind: "enum", options: ["linear", "log"], hasDefault: true, default: "linear" };
  return {
    ...blank,
    kind: "union",
    variants: [
      { label: "list", node: { ...blank, kind: "array", item: value, minItems: 1 } },
      { label: "linspace", node: objectOf({ linspace: ends([count]) }, ["linspace"]) },
      { label: "logspace", node: objectOf({ logspace: ends([count]) }, ["logspace"]) },
      { label: "range (sampled)", node: objectOf({ range: ends([]), scale }, ["range"]) },
    ],
  };
}

const LEAVES = new Set<FieldNode["kind"]>(["quantity", "number", "string", "scalar", "boolean", "enum"]);

/** The parameters a sweep can vary (leaves outside arrays and records), by dotted path. */
function sweepAxes(params: FieldNode): Record<string, FieldNode> {
  const axes: Record<string, FieldNode> = {};
  for (const { node, path } of walk(params)) {
    const key = path.join(".");
    if (LEAVES.has(node.kind) && !path.includes("*") && path.length > 0 && !(key in axes))
      axes[key] = axis(node);
  }
  return axes;
}

export function scenarioFieldTree(studySchema: Json): NodeOf<"object"> {
  const study = typeof studySchema.title === "string" ? studySchema.title : undefined;
  const params = buildFieldTree(studySchema);
  const sweep = buildFieldTree(sweepSchema) as NodeOf<"object">;
  const over = sweep.fields.find((f) => f.key === "over");
  if (over) {
    const valueByKey = sweepAxes(params);
    over.node = {
      description: over.node.description,
      hasDefault: false,
      kind: "record",
      keyHints: Object.keys(valueByKey),
      valueByKey,
      // A path the form does not know (a typo, an array element): values of any kind.
      value: axis({ ...blank, kind: "scalar" }),
    };
  }
  return {
    ...blank,
    kind: "object",
    fields: [
      { key: "study", required: true, node: { ...blank, kind: "const", value: study } },
      { key: "name", required: false, node: { ...blank, kind: "string", description: "run name" } },
      { key: "description", required: false, node: { ...blank, kind: "string" } },
      { key: "params", required: false, node: { ...params, title: "parameters" } },
      { key: "sweep", required: false, node: sweep },
    ],
  };
}
