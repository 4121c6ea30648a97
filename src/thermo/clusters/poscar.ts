/**
 * VASP POSCAR reader (VASP 5 format with a species line; negative scale = target volume; Direct or
 * Cartesian coordinates; selective dynamics flags ignored). Lengths converted from Å to metres.
 */
import { inputError } from "../../errors.js";
import type { Cell, Vector3 } from "./lattice.js";
import { determinant3, inverse3 } from "./lattice.js";
import type { Atom } from "./structures.js";

const ANGSTROM = 1e-10;

export function parsePoscar(text: string, field = "poscar"): { cell_m: Cell; atoms: Atom[] } {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const numbers = (line: number, count: number): number[] => {
    const values = (lines[line] ?? "").split(/\s+/).slice(0, count).map(Number);
    if (values.length < count || values.some((v) => !Number.isFinite(v))) {
      throw inputError(
        `${field} line ${line + 1}`,
        `got ${JSON.stringify(lines[line] ?? "")}; expected ${count} numbers`,
      );
    }
    return values;
  };
  const [scaleRaw] = numbers(1, 1);
  let cell = [2, 3, 4].map((l) => numbers(l, 3)) as Cell;
  const volume = Math.abs(determinant3(cell));
  const scale = scaleRaw < 0 ? Math.cbrt(-scaleRaw / volume) : scaleRaw;
  cell = cell.map((row) => row.map((x) => x * scale * ANGSTROM)) as Cell;
  const names = lines[5].split(/\s+/);
  if (names.some((n) => !/^[A-Za-z]/.test(n))) {
    throw inputError(
      `${field} line 6`,
      `got ${JSON.stringify(lines[5])}; expected the species names (VASP 5 format)`,
    );
  }
  const counts = numbers(6, names.length);
  let line = 7;
  if (/^s/i.test(lines[line])) line++;
  const cartesianCoordinates = /^[ck]/i.test(lines[line]);
  line++;
  const inverse = inverse3(cell);
  const atoms: Atom[] = [];
  names.forEach((species, s) => {
    for (let k = 0; k < counts[s]; k++, line++) {
      let p = numbers(line, 3);
      if (cartesianCoordinates) {
        const r = p.map((x) => x * scale * ANGSTROM);
        p = [0, 1, 2].map((j) => r[0] * inverse[0][j] + r[1] * inverse[1][j] + r[2] * inverse[2][j]);
      }
      atoms.push({ species, fractional: p as Vector3 });
    }
  });
  return { cell_m: cell, atoms };
}
