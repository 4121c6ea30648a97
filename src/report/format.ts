/**
 * Readable metrics: numbers to 4 significant digits and units read from the name suffix
 * (SPEC 1.4: `saturationTime_s`, `criticalCurrent_A_m2`). Plain text only, so the HTML report and
 * the terminal table show the same rows.
 */

const SIGNIFICANT = { minimumSignificantDigits: 4, maximumSignificantDigits: 4 } as const;
// Made on the first number: the first Intl.NumberFormat loads locale data, tens of milliseconds that
// a command printing no number (`anodefree studies`) must not pay at start-up.
let formats: { fixed: Intl.NumberFormat; scientific: Intl.NumberFormat } | undefined;
const numberFormats = () =>
  (formats ??= {
    fixed: new Intl.NumberFormat("en-US", { ...SIGNIFICANT, useGrouping: false }),
    scientific: new Intl.NumberFormat("en-US", { ...SIGNIFICANT, notation: "scientific" }),
  });

/**
 * Exact integers below this print as they are (626 iterations, not 626.0); larger ones, counts or
 * SI values alike (3000000 Pa), read better with an exponent.
 */
const LARGEST_EXACT = 1e5;

/** A number to 4 significant digits; exponent notation outside [1e-3, 1e5). */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  if (value === 0) return "0";
  if (Number.isInteger(value) && Math.abs(value) < LARGEST_EXACT) return String(value);
  // The exponent after rounding decides, so 99999.9 (which rounds to 1.000e5) goes to exponent form.
  const { fixed, scientific } = numberFormats();
  const [mantissa, exponent] = scientific.format(value).split("E");
  const power = Number(exponent);
  return power < -3 || power >= 5 ? `${mantissa}e${power}` : fixed.format(value);
}

/** Longer number arrays show their first and last values and how many there are. */
const ARRAY_SHOWN = 6;

/** A leaf value as text: numbers formatted, booleans and strings as they are. */
export function formatValue(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  // JSON writes a missing value (no short circuit, no reservoir) as null.
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) {
    const items = value.map(formatValue);
    if (items.length <= ARRAY_SHOWN) return `[${items.join(", ")}]`;
    const head = items.slice(0, ARRAY_SHOWN - 2).join(", ");
    return `[${head}, …, ${items[items.length - 1]}] (${items.length} values)`;
  }
  return String(value);
}

const SUPERSCRIPT: Record<string, string> = { "2": "²", "3": "³", "4": "⁴" };

/** Unit symbols a name suffix may use, as they are printed. */
const SYMBOLS: Record<string, string> = {
  m: "m",
  s: "s",
  h: "h",
  Hz: "Hz",
  kg: "kg",
  mol: "mol",
  K: "K",
  A: "A",
  C: "C",
  V: "V",
  mV: "mV",
  ohm: "Ω",
  S: "S",
  F: "F",
  H: "H",
  J: "J",
  W: "W",
  N: "N",
  Pa: "Pa",
  eV: "eV",
  meV: "meV",
  atom: "atom",
};

/**
 * Suffixes that are products, not quotients: area-specific resistance (Ω·m², Xie2024 eq 6) and
 * fracture toughness (Pa·√m, Zhang2024). Every other suffix reads numerator_denominator...
 */
const PRODUCTS: Record<string, string> = { ohm_m2: "Ω·m²", ohm_m: "Ω·m", Pa_m05: "Pa·√m" };

/** One suffix token (`m2`, `Pa`) as printed (`m²`), or undefined if it is not a unit. */
function symbolOf(token: string): string | undefined {
  const match = /^([A-Za-z]+)([234]?)$/.exec(token);
  const symbol = match && Object.hasOwn(SYMBOLS, match[1]) ? SYMBOLS[match[1]] : undefined;
  return symbol && symbol + (SUPERSCRIPT[match?.[2] ?? ""] ?? "");
}

/**
 * Suffix tokens as a unit (`["A", "m2"]` → "A/m²"; `per` may stand between them, as in
 * `eV_per_atom`), or undefined if any token is not a unit.
 */
function unitOfTokens(tokens: string[]): string | undefined {
  const joined = tokens.join("_");
  if (Object.hasOwn(PRODUCTS, joined)) return PRODUCTS[joined];
  const symbols = tokens.filter((t) => t !== "per").map(symbolOf);
  if (symbols.length === 0 || symbols.some((s) => s === undefined)) return undefined;
  return symbols.join("/");
}

/** `saturationTime` → "saturation time"; acronyms and element names (`R0`, `CPE1`) stay. */
function words(camel: string): string {
  return camel
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(" ")
    .map((word) => (/^[A-Z][a-z]+$/.test(word) ? word.toLowerCase() : word))
    .join(" ");
}

/**
 * A metric name as a label and a unit: `criticalCurrent_A_m2` → "critical current", "A/m²".
 * Underscored parts that are not units stay in the label (`CPE1_alpha`).
 */
export function labelAndUnit(name: string): { label: string; unit: string } {
  const tokens = name.split("_");
  for (let start = 1; start < tokens.length; start++) {
    const unit = unitOfTokens(tokens.slice(start));
    if (unit !== undefined) return { label: words(tokens.slice(0, start).join("_")), unit };
  }
  return { label: words(name), unit: "" };
}

/** The unit of a dotted sweep column (`regions.tip.current_A_m2` → "A/m²"), from its last part. */
export function unitOfColumn(column: string): string {
  return labelAndUnit(column.slice(column.lastIndexOf(".") + 1)).unit;
}

/** "critical current (A/m²)", or the text alone when there is no unit. */
export const withUnit = (text: string, unit: string): string => (unit ? `${text} (${unit})` : text);

/** A unit written in a result (`"ohm^-1 s^alpha"`), with the symbols the suffixes use. */
function prettyUnit(unit: string): string {
  return unit
    .replace(/\bohm\b/g, "Ω")
    .replace(/\^-1\/2/g, "⁻¹ᐟ²")
    .replace(/\^-1\b/g, "⁻¹")
    .replace(/\^alpha\b/g, "ᵅ")
    .replace(/ /g, "·");
}

/** One row of a metrics table; a group (nested object or array of objects) has children instead. */
export interface MetricRow {
  label: string;
  value: string;
  unit: string;
  children?: MetricRow[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** `{ value, standardError?, unit? }`, e.g. a fitted EIS parameter: one row, "54.00 ± 1.312e-11". */
function asEstimate(value: Record<string, unknown>): { text: string; unit?: string } | undefined {
  const { value: central, standardError, unit, ...rest } = value;
  if (typeof central !== "number" || Object.keys(rest).length > 0) return undefined;
  if (standardError !== undefined && typeof standardError !== "number") return undefined;
  if (unit !== undefined && typeof unit !== "string") return undefined;
  const text =
    formatNumber(central) + (standardError === undefined ? "" : ` ± ${formatNumber(standardError)}`);
  return { text, unit: unit === undefined ? undefined : prettyUnit(unit) };
}

const NAME_KEYS = ["name", "id", "label"];

/** The key that names an array item (`{ name: "tip", ... }`), if it has one. */
function nameKeyOf(item: unknown): string | undefined {
  return isRecord(item) ? NAME_KEYS.find((key) => typeof item[key] === "string") : undefined;
}

const isNumeric = (value: unknown): boolean =>
  typeof value === "number" || (Array.isArray(value) && value.every((v) => typeof v === "number"));

function rowOf(label: string, unit: string, value: unknown): MetricRow {
  if (isRecord(value)) {
    const estimate = asEstimate(value);
    if (estimate) return { label, value: estimate.text, unit: estimate.unit ?? unit };
    return { label, value: "", unit, children: metricRows(value) };
  }
  if (Array.isArray(value) && value.some((item) => isRecord(item) || Array.isArray(item))) {
    // A record's fields carry their own units; only numbers among the items are in the array's unit.
    const children = value.map((item, i) => {
      const key = nameKeyOf(item);
      if (key === undefined || !isRecord(item)) return rowOf(`#${i + 1}`, isNumeric(item) ? unit : "", item);
      const { [key]: name, ...rest } = item;
      return rowOf(name as string, "", rest);
    });
    return { label, value: "", unit, children };
  }
  // A string or a flag is not in a unit even when its name says one.
  return { label, value: formatValue(value), unit: isNumeric(value) ? unit : "" };
}

/**
 * A metrics (or diagnostics) object as rows: label and unit from each name, values formatted,
 * nested objects and arrays of objects as nested groups. A group's unit stays on the group: its
 * members have their own names, and a member without a suffix (`x` beside `energy`) need not share it.
 */
export function metricRows(metrics: Record<string, unknown>): MetricRow[] {
  return Object.entries(metrics).map(([name, value]) => {
    const { label, unit } = labelAndUnit(name);
    return rowOf(label, unit, value);
  });
}

/** Rows flattened for a plain text table, each with its nesting depth (0 at the top). */
export function flattenMetricRows(rows: MetricRow[], depth = 0): (MetricRow & { depth: number })[] {
  return rows.flatMap(({ children, ...row }) => [
    { ...row, depth },
    ...(children ? flattenMetricRows(children, depth + 1) : []),
  ]);
}

/** Longer arrays in the inputs echo show their first items; result.json keeps them all. */
const INPUT_ITEMS_SHOWN = 8;

function readableInput(value: unknown): unknown {
  if (typeof value === "number") {
    const text = formatNumber(value);
    return Number.isFinite(Number(text)) ? Number(text) : text;
  }
  if (Array.isArray(value)) {
    if (value.length > INPUT_ITEMS_SHOWN && value.every((v) => typeof v === "number"))
      return formatValue(value);
    const shown = value.slice(0, INPUT_ITEMS_SHOWN).map(readableInput);
    const hidden = value.length - shown.length;
    return hidden > 0 ? [...shown, `… ${hidden} more (all in result.json)`] : shown;
  }
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readableInput(v)]));
  return value;
}

/**
 * Validated inputs as YAML text, numbers to 4 significant digits and long arrays shortened. The YAML
 * library loads here, on the first report page, rather than with the library.
 */
export async function inputsText(inputs: unknown): Promise<string> {
  const { stringify } = await import("yaml");
  return stringify(readableInput(inputs), { lineWidth: 0 });
}
