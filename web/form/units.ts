/**
 * Units offered in the unit box of a quantity, by the dimension name the schema carries (src/units/
 * dimensions.ts), most usual first. Only suggestions: the box takes any unit the CLI's parser accepts.
 */
const commonUnits: Record<string, readonly string[]> = {
  length: ["um", "nm", "mm", "cm", "m", "angstrom"],
  area: ["cm^2", "mm^2", "um^2", "m^2"],
  frequency: ["Hz", "kHz", "MHz", "mHz"],
  current: ["mA", "uA", "nA", "A"],
  resistance: ["ohm", "kohm", "mohm"],
  "surface energy": ["J/m^2", "mJ/m^2"],
  energy: ["eV", "meV", "J"],
  velocity: ["um/s", "nm/s", "mm/s", "m/s"],
  time: ["s", "ms", "min", "h", "d"],
  temperature: ["K", "degC"],
  diffusivity: ["cm^2/s", "m^2/s"],
  "current density": ["mA/cm^2", "uA/cm^2", "A/m^2"],
  concentration: ["mol/L", "mmol/cm^3", "mol/m^3"],
  "areal capacity": ["mAh/cm^2", "uAh/cm^2", "C/m^2"],
  "molar energy": ["kJ/mol", "J/mol"],
  "molar volume": ["cm^3/mol", "m^3/mol"],
  "electric potential": ["mV", "V", "uV"],
  pressure: ["MPa", "kPa", "GPa", "Pa", "bar"],
  conductivity: ["mS/cm", "S/cm", "uS/cm", "S/m"],
  "area-specific resistance": ["ohm*cm^2", "ohm*m^2"],
  "strain rate": ["s^-1"],
  "fracture toughness": ["MPa*m^0.5", "Pa*m^0.5"],
};

/** The unit of a quantity string or example ("5 um" -> "um"). */
function unitOf(example: string | undefined): string | undefined {
  return /^\s*[-+]?[\d.]+(?:[eE][-+]?\d+)?\s*(.+?)\s*$/.exec(example ?? "")?.[1];
}

/** Common units of a dimension; for one not listed, its SI unit and the unit of its example. */
export function unitsFor(dimension: string, si: string, example?: string): string[] {
  const listed = commonUnits[dimension] ?? [];
  return [...new Set([...listed, unitOf(example), si].filter((u): u is string => !!u))];
}

export const knownDimensions = Object.keys(commonUnits);
