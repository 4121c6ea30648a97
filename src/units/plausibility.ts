import { type Dimension, type DimensionName, dimensions, withArticle } from "./dimensions.js";
import { parseQuantity, type QuantityInput } from "./quantity.js";

interface PlausibleRange {
  /** Smallest and largest magnitude met in this field, as a researcher writes them. */
  range: readonly [string, string];
  /** Units people write these quantities in, most usual first: the first that makes a bare number plausible is suggested. */
  habits: readonly string[];
}

/**
 * Magnitudes a quantity of each dimension takes in anode-free solid-state cells. A bare number
 * means SI, and most of these dimensions are habitually written in other units (um, mA/cm^2, degC,
 * eV), so a bare number far outside its range is most likely the habit unit left out. Wide on purpose:
 * a warning must point at a slip, never at an unusual but real value.
 */
const plausibleRanges: Record<DimensionName, PlausibleRange> = {
  // Atomic distances (mapping tolerances in angstrom) up to electrode sizes.
  length: { range: ["10 pm", "10 cm"], habits: ["um", "nm", "mm"] },
  // Particle cross-sections up to pouch-cell electrodes.
  area: { range: ["1 um^2", "1000 cm^2"], habits: ["cm^2", "mm^2"] },
  // Impedance spectra: 1 uHz (long relaxations) to 1 GHz.
  frequency: { range: ["1 uHz", "1 GHz"], habits: ["kHz", "MHz", "mHz"] },
  // Leakage currents of lab cells up to large-format cells.
  current: { range: ["1 pA", "100 A"], habits: ["uA", "mA", "nA"] },
  // Metal contacts up to blocking interfaces.
  resistance: { range: ["1 uohm", "1 Gohm"], habits: ["ohm", "kohm"] },
  // Surface and interface energies of metals and ceramics are of order 0.1-5 J/m^2.
  surfaceEnergy: { range: ["1 mJ/m^2", "10 J/m^2"], habits: ["mJ/m^2"] },
  // Per atom or per structure: micro-eV interactions to thousands of eV (total energies of supercells).
  energy: { range: ["1e-6 eV", "1e4 eV"], habits: ["eV", "meV"] },
  // Interface and creep velocities: nm per day to cm per second.
  velocity: { range: ["1e-15 m/s", "1 cm/s"], habits: ["um/s", "nm/s"] },
  // Solver steps of nanoseconds to storage over decades.
  time: { range: ["1 ns", "30 years"], habits: ["min", "h", "d"] },
  // Cryogenic measurements up to Monte Carlo annealing (Xie2024 starts at 10000 K). A bare 25 or 60
  // is a temperature in degC; annealing stages below 150 K, written with "K", are not questioned.
  temperature: { range: ["150 K", "20000 K"], habits: ["degC"] },
  // Slow solid-state diffusion (1e-24 m^2/s) to liquids (1e-9 m^2/s) with margin.
  diffusivity: { range: ["1e-24 m^2/s", "1e-6 m^2/s"], habits: ["cm^2/s"] },
  // Operating and exchange current densities: 0.1 uA/cm^2 to 100 mA/cm^2.
  currentDensity: { range: ["0.1 uA/cm^2", "100 mA/cm^2"], habits: ["mA/cm^2", "uA/cm^2"] },
  // Dilute dopants to the density of Li metal (76 mol/L).
  concentration: { range: ["1e-3 mol/m^3", "1e6 mol/m^3"], habits: ["mmol/cm^3", "mol/L"] },
  // Plated or stripped Li: 0.3 uAh/cm^2 to 300 mAh/cm^2.
  arealCapacity: { range: ["10 C/m^2", "1e7 C/m^2"], habits: ["mAh/cm^2", "uAh/cm^2"] },
  // Mixing and formation energies are 1 kJ/mol to 1 MJ/mol; a bare 9.3 is kJ/mol left out.
  molarEnergy: { range: ["10 J/mol", "10 MJ/mol"], habits: ["kJ/mol"] },
  // Molar volumes of solids are 5-50 cm^3/mol.
  molarVolume: { range: ["1 cm^3/mol", "1000 cm^3/mol"], habits: ["cm^3/mol"] },
  // Overpotentials of micro-volts to cell voltages.
  potential: { range: ["1 uV", "10 V"], habits: ["mV"] },
  // Stack pressures (0.1 MPa and up) to elastic moduli (hundreds of GPa).
  pressure: { range: ["100 Pa", "1 TPa"], habits: ["MPa", "kPa", "GPa"] },
  // Poor ionic conductors to copper.
  conductivity: { range: ["1e-12 S/m", "1e8 S/m"], habits: ["mS/cm"] },
  // Interfacial resistances: 1e-5 to 1000 ohm cm^2.
  arealResistance: { range: ["1e-5 ohm*cm^2", "1000 ohm*cm^2"], habits: ["ohm*cm^2"] },
  // Creep at rest to fast mechanical tests.
  strainRate: { range: ["1e-15 s^-1", "1000 s^-1"], habits: [] },
  // Soft Li metal to tough ceramics: 0.01 to 100 MPa m^0.5.
  fractureToughness: { range: ["0.01 MPa*m^0.5", "100 MPa*m^0.5"], habits: ["MPa*m^0.5"] },
};

function si(text: string, dimension: Dimension): number {
  const parsed = parseQuantity(text, dimension);
  if (!parsed.ok) throw new Error(`plausible range of ${dimension.name}: ${parsed.message}`);
  return parsed.value;
}

interface Bounds extends PlausibleRange {
  min: number;
  max: number;
}

// Parsed on the first check rather than at import, which would load the units library at start-up.
let bounds: Map<Dimension, Bounds> | undefined;
function boundsOf(dimension: Dimension): Bounds | undefined {
  bounds ??= new Map(
    (Object.keys(plausibleRanges) as DimensionName[]).map((name) => {
      const dimension = dimensions[name];
      const { range, habits } = plausibleRanges[name];
      return [dimension, { range, habits, min: si(range[0], dimension), max: si(range[1], dimension) }];
    }),
  );
  return bounds.get(dimension);
}

const isBare = (input: QuantityInput) => typeof input === "number" || Number.isFinite(Number(input));

/**
 * Why a bare number (meaning SI) is implausible for its dimension, with the value in the first
 * habitual unit that makes it plausible; undefined when it is plausible. Zero is always plausible
 * (no pressure, a position at the origin), and quantities written with a unit are never questioned:
 * the unit shows what the writer meant.
 */
export function plausibilityWarning(
  input: QuantityInput,
  value: number,
  dimension: Dimension,
): string | undefined {
  if (!isBare(input) || value === 0) return undefined;
  const limits = boundsOf(dimension);
  if (!limits) return undefined;
  const inRange = (v: number) => Math.abs(v) >= limits.min && Math.abs(v) <= limits.max;
  if (inRange(value)) return undefined;
  const suggestion = limits.habits
    .map((habit) => `${value} ${habit}`)
    .find((text) => inRange(si(text, dimension)));
  return (
    `${JSON.stringify(input)} (bare number, so ${value} ${dimension.si}) is implausible for ` +
    `${withArticle(dimension)} here (expected ${limits.range[0]} – ${limits.range[1]})` +
    (suggestion ? `; did you mean "${suggestion}"?` : "")
  );
}
