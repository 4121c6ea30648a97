import type { ColumnRule } from "../../data/columns.js";

/**
 * The impedance exports we read, each found from its content (docs/cell-formats.md, "Impedance
 * formats"). Every reader gives Z = Z' + j Z'' with Z'' < 0 for a capacitive arc.
 */
export type ImpedanceLayoutId = "biologic-mpt" | "gamry-dta" | "zplot" | "headed-csv" | "three-column";

export const IMPEDANCE_LAYOUTS: { id: ImpedanceLayoutId; title: string }[] = [
  { id: "biologic-mpt", title: 'EC-Lab PEIS/GEIS .mpt (first line "EC-Lab ASCII FILE")' },
  { id: "gamry-dta", title: 'Gamry .DTA (first line "EXPLAIN", a "ZCURVE TABLE")' },
  { id: "zplot", title: 'ZPlot/ZView .z (first line "ZPLOT2 ASCII" or "ZView ...")' },
  {
    id: "headed-csv",
    title: "CSV with a header naming frequency and Re/Im(Z), e.g. our frequency_Hz,real_ohm,imaginary_ohm",
  },
  { id: "three-column", title: "headerless numbers: f / Hz, Z' / ohm, Z'' / ohm (Im(Z), not -Im(Z))" },
];

export const knownImpedanceLayoutsText = (): string =>
  IMPEDANCE_LAYOUTS.map((l) => `${l.id}: ${l.title}`).join("; ");

/** Columns of a headed impedance table; header names are matched lower case with the unit stripped. */
export const IMPEDANCE_RULES: ColumnRule[] = [
  {
    field: "frequency",
    siUnit: "Hz",
    aliases: ["freq", "frequency", "f", "frequency_hz"],
    required: true,
  },
  {
    field: "real",
    siUnit: "ohm",
    aliases: ["re(z)", "z'", "zreal", "z_re", "real", "real_ohm"],
    required: true,
  },
  {
    field: "imaginary",
    siUnit: "ohm",
    aliases: ["im(z)", "z''", 'z"', "zimag", "z_im", "imaginary", "imaginary_ohm"],
    required: false,
  },
  {
    field: "negativeImaginary",
    siUnit: "ohm",
    aliases: ["-im(z)", "-z''", '-z"', "-zimag", "-z_im"],
    required: false,
  },
];
