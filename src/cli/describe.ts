/** A study's parameters as rows of path, default, unit and description (`anodefree describe`). */

type Schema = Record<string, unknown>;

export interface ParameterRow {
  path: string;
  default: string;
  unit: string;
  description: string;
}

const text = (value: unknown) =>
  value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);

function describeLeaf(schema: Schema): string {
  const parts = [text(schema.description)];
  if (Array.isArray(schema.enum)) parts.push(`one of ${schema.enum.join(", ")}`);
  if (schema.const !== undefined) parts.push(`= ${text(schema.const)}`);
  if (schema.type === "boolean") parts.push("true or false");
  return parts.filter(Boolean).join("; ");
}

function unitOf(schema: Schema): string {
  if (typeof schema.unit !== "string") return "";
  return schema.example ? `${schema.unit} (e.g. ${text(schema.example)})` : schema.unit;
}

/** Walks the JSON Schema of `anodefree describe --json`; union variants are listed one by one. */
export function parameterRows(schema: Schema, path = "", inherited?: unknown): ParameterRow[] {
  const fallback = schema.default ?? inherited;
  const variants = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (variants) {
    return variants.flatMap((variant) => {
      const properties = (variant.properties ?? {}) as Record<string, Schema>;
      const tag = Object.entries(properties).find(([, p]) => p.const !== undefined);
      const label = tag ? `${path}{${tag[0]}: ${text(tag[1].const)}}` : path;
      const isDefault =
        tag && fallback && (fallback as Record<string, unknown>)[tag[0]] === tag[1].const
          ? fallback
          : undefined;
      return parameterRows({ ...variant, oneOf: undefined }, label, isDefault);
    });
  }
  if (schema.type === "object" && schema.properties) {
    return Object.entries(schema.properties as Record<string, Schema>).flatMap(([key, inner]) => {
      if (inner.const !== undefined) return [];
      const nested =
        fallback && typeof fallback === "object" ? (fallback as Record<string, unknown>)[key] : undefined;
      return parameterRows(inner, path ? `${path}.${key}` : key, nested);
    });
  }
  if (schema.type === "array" && schema.items && (schema.items as Schema).type === "object") {
    const rows = [
      { path: `${path}[]`, default: text(fallback), unit: "", description: text(schema.description) },
    ];
    return [...rows, ...parameterRows(schema.items as Schema, `${path}[]`)];
  }
  return [{ path, default: text(fallback), unit: unitOf(schema), description: describeLeaf(schema) }];
}
