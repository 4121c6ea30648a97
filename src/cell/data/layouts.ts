import type { ColumnHeader } from "./tabular.js";

/**
 * The export layouts we recognise from their header, with the columns that carry each quantity and
 * the unit the cycler writes when the header names none. docs/cell-formats.md describes each one.
 * Header names are compared normalised (lower case, `_` as space, unit stripped), so Arbin's
 * `Test_Time(s)` and `Test Time (s)` are the same column.
 */
export type LayoutId = "biologic-mpt" | "beep" | "maccor" | "neware" | "arbin" | "bdf" | "csv";

/** Quantities a layout may map; cycle and step are the file's own integer counters. */
export type CellField =
  | "time"
  | "current"
  | "voltage"
  | "capacity"
  | "chargeCapacity"
  | "dischargeCapacity"
  | "cycle"
  | "step"
  | "frequency"
  | "real"
  | "negativeImaginary";

export interface FieldColumn {
  /** Normalised header names, first present wins. */
  names: string[];
  /** Unit the cycler writes when the header carries none. */
  unit?: string;
}

export interface Layout {
  id: LayoutId;
  title: string;
  /** Every group must be present (any name of the group) for the layout to match. */
  identify: string[][];
  fields: Partial<Record<CellField, FieldColumn>>;
  /**
   * Maccor writes the current unsigned and the direction in its State column (C charge, D
   * discharge); the reader signs it so that discharge is negative, as in every other layout.
   */
  currentSignFrom?: { names: string[]; negative: string[]; positive: string[] };
}

export const normaliseName = (name: string): string =>
  name.toLowerCase().replace(/_/g, " ").replace(/\s+/g, " ").trim();

const CYCLER_UNITS = { time: "s", current: "A", voltage: "V", capacity: "Ah" };

/** Arbin's column names, which BEEP's structured Maccor/Arbin data keeps. */
const ARBIN_FIELDS: Layout["fields"] = {
  time: { names: ["test time"], unit: CYCLER_UNITS.time },
  current: { names: ["current"], unit: CYCLER_UNITS.current },
  voltage: { names: ["voltage"], unit: CYCLER_UNITS.voltage },
  chargeCapacity: { names: ["charge capacity"], unit: CYCLER_UNITS.capacity },
  dischargeCapacity: { names: ["discharge capacity"], unit: CYCLER_UNITS.capacity },
  cycle: { names: ["cycle index"] },
  step: { names: ["step index"] },
};

export const LAYOUTS: Layout[] = [
  {
    id: "biologic-mpt",
    title: 'BioLogic EC-Lab .mpt text export (first line "EC-Lab ASCII FILE")',
    identify: [],
    fields: {
      time: { names: ["time"], unit: "s" },
      current: { names: ["i", "<i>"], unit: "mA" },
      voltage: { names: ["ewe", "<ewe>", "ecell", "<ecell>"], unit: "V" },
      chargeCapacity: { names: ["q charge"], unit: "mA.h" },
      dischargeCapacity: { names: ["q discharge"], unit: "mA.h" },
      capacity: { names: ["capacity"], unit: "mA.h" },
      cycle: { names: ["cycle number"] },
      step: { names: ["ns"] },
      frequency: { names: ["freq"], unit: "Hz" },
      real: { names: ["re(z)"], unit: "ohm" },
      negativeImaginary: { names: ["-im(z)"], unit: "ohm" },
    },
  },
  {
    id: "beep",
    title: "Maccor/Arbin data as structured by BEEP (test_time, current, voltage, _state, _ending_status)",
    identify: [
      ["test time"],
      ["current"],
      ["voltage"],
      ["cycle index"],
      ["step index"],
      ["state"],
      ["ending status"],
    ],
    fields: ARBIN_FIELDS,
  },
  {
    id: "maccor",
    title: "Maccor text or CSV export (Rec#, Cyc#, Step, TestTime, Amps, Volts, State)",
    identify: [
      ["rec#", "rec"],
      ["cyc#", "cycle c"],
      ["step"],
      ["testtime", "test time"],
      ["amps", "current"],
      ["volts", "voltage"],
    ],
    fields: {
      time: { names: ["testtime", "test time"], unit: CYCLER_UNITS.time },
      current: { names: ["amps", "current"], unit: CYCLER_UNITS.current },
      voltage: { names: ["volts", "voltage"], unit: CYCLER_UNITS.voltage },
      capacity: { names: ["amp-hr", "capacity"], unit: CYCLER_UNITS.capacity },
      cycle: { names: ["cyc#", "cycle c"] },
      step: { names: ["step"] },
    },
    currentSignFrom: { names: ["state", "md"], negative: ["D"], positive: ["C"] },
  },
  {
    id: "neware",
    title:
      "Neware CSV export (Cycle Index, Step Index, Step Type, Cumulative/Total Time, Current(A), Voltage(V))",
    identify: [
      ["cycle index", "cycle id"],
      ["step index", "step id"],
      ["step type"],
      ["cumulative time", "total time"],
      ["current"],
      ["voltage"],
    ],
    fields: {
      // Neware's "Time" restarts at every step; the cumulative column runs over the whole test.
      time: { names: ["cumulative time", "total time"], unit: CYCLER_UNITS.time },
      current: { names: ["current"], unit: CYCLER_UNITS.current },
      voltage: { names: ["voltage"], unit: CYCLER_UNITS.voltage },
      capacity: { names: ["capacity"], unit: CYCLER_UNITS.capacity },
      chargeCapacity: { names: ["chg. cap."], unit: CYCLER_UNITS.capacity },
      dischargeCapacity: { names: ["dchg. cap."], unit: CYCLER_UNITS.capacity },
      cycle: { names: ["cycle index", "cycle id"] },
      step: { names: ["step index", "step id"] },
    },
  },
  {
    id: "arbin",
    title: "Arbin CSV export (Test_Time, Current, Voltage, Cycle_Index, Step_Index)",
    identify: [["test time"], ["current"], ["voltage"], ["cycle index"], ["step index"]],
    fields: ARBIN_FIELDS,
  },
  {
    id: "bdf",
    title: "Battery Data Format CSV (Test Time / s, Current / A, Voltage / V)",
    identify: [["test time"], ["current"], ["voltage"]],
    fields: {
      time: { names: ["test time"] },
      current: { names: ["current"] },
      voltage: { names: ["voltage"] },
      chargeCapacity: { names: ["charging capacity"] },
      dischargeCapacity: { names: ["discharging capacity"] },
      capacity: { names: ["net capacity"] },
      cycle: { names: ["cycle count"] },
      step: { names: ["step index"] },
    },
  },
  {
    id: "csv",
    title:
      "any CSV with a header row naming time, current and voltage (units in the header or in data.units)",
    identify: [],
    fields: {},
  },
];

export function layoutById(id: LayoutId): Layout {
  const layout = LAYOUTS.find((l) => l.id === id);
  if (!layout) throw new Error(`unknown layout ${id}`);
  return layout;
}

/** Index of the first header with one of `names`, or -1. */
export function findHeader(headers: ColumnHeader[], names: string[]): number {
  for (const name of names) {
    const index = headers.findIndex((h) => normaliseName(h.name) === name);
    if (index >= 0) return index;
  }
  return -1;
}

/** The most specific layout whose identifying header set this header holds. */
export function identifyLayout(headers: ColumnHeader[]): Layout | undefined {
  return LAYOUTS.find(
    (l) => l.identify.length > 0 && l.identify.every((group) => findHeader(headers, group) >= 0),
  );
}

/** One line per layout for messages: what we know and how we know it. */
export const knownLayoutsText = (): string => LAYOUTS.map((l) => `${l.id}: ${l.title}`).join("; ");
