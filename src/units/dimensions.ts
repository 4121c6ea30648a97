/**
 * The physical dimensions a scenario quantity can have. Each names its SI unit (what the value
 * becomes inside) and an example of how a researcher would write it in a file.
 */
export interface Dimension {
  /** Human name used in error messages: "expected a length". */
  name: string;
  /** SI unit the value is converted to, as the units library spells it. */
  si: string;
  /** An example of a valid quantity string. */
  example: string;
}

function dimension(name: string, si: string, example: string): Dimension {
  return { name, si, example };
}

export const dimensions = {
  length: dimension("length", "m", "5 um"),
  area: dimension("area", "m^2", "1 cm^2"),
  frequency: dimension("frequency", "Hz", "1 MHz"),
  current: dimension("current", "A", "20 uA"),
  resistance: dimension("resistance", "ohm", "54 ohm"),
  surfaceEnergy: dimension("surface energy", "J/m^2", "0.465 J/m^2"),
  energy: dimension("energy", "J", "0.14 eV"),
  velocity: dimension("velocity", "m/s", "0.001 um/s"),
  time: dimension("time", "s", "30 min"),
  temperature: dimension("temperature", "K", "25 degC"),
  diffusivity: dimension("diffusivity", "m^2/s", "6e-11 cm^2/s"),
  currentDensity: dimension("current density", "A/m^2", "1 mA/cm^2"),
  concentration: dimension("concentration", "mol/m^3", "69.6 mmol/cm^3"),
  arealCapacity: dimension("areal capacity", "C/m^2", "1 mAh/cm^2"),
  molarEnergy: dimension("molar energy", "J/mol", "9.3 kJ/mol"),
  molarVolume: dimension("molar volume", "m^3/mol", "13.0 cm^3/mol"),
  potential: dimension("electric potential", "V", "342 mV"),
  pressure: dimension("pressure", "Pa", "1 MPa"),
  conductivity: dimension("conductivity", "S/m", "1 mS/cm"),
  arealResistance: dimension("area-specific resistance", "ohm*m^2", "2 ohm*cm^2"),
  strainRate: dimension("strain rate", "s^-1", "1e-3 s^-1"),
  fractureToughness: dimension("fracture toughness", "Pa*m^0.5", "0.3 MPa*m^0.5"),
} as const satisfies Record<string, Dimension>;

export type DimensionName = keyof typeof dimensions;

/** "a length", "an area-specific resistance": the dimension as error messages say it. */
export function withArticle(dimension: Dimension): string {
  return `${/^[aeiou]/.test(dimension.name) ? "an" : "a"} ${dimension.name}`;
}
