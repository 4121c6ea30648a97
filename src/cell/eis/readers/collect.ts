import { inputError } from "../../../errors.js";
import type { ImpedanceSpectrum } from "../fit.js";

/**
 * Something the reader had to assume or could not check, and what it is about: the file itself or
 * the unit of one field (`units.real`), so a study can report it at the scenario path to change.
 */
export interface ReadWarning {
  about: "file" | `units.${string}`;
  message: string;
}

/** Where a value came from, for messages: the file and, per field, the column it was read from. */
export interface SpectrumSource {
  file: string;
  /** Scenario path of the file, for InputError. */
  field: string;
}

/**
 * Gathers the points of a spectrum, refusing what no fit can use: a frequency that is not > 0 and an
 * impedance that is not a finite number, each named by file and line.
 */
export class SpectrumCollector {
  private readonly f: number[] = [];
  private readonly re: number[] = [];
  private readonly im: number[] = [];
  /** Line of the first point where the sweep turns back, if it does. */
  private turn?: { line: number; from: number; to: number };
  private direction = 0;

  constructor(private readonly source: SpectrumSource) {}

  add(frequency_Hz: number, real_ohm: number, imaginary_ohm: number, line: number): void {
    const where = `${this.source.file}, line ${line}`;
    if (!(frequency_Hz > 0)) {
      throw inputError(this.source.field, `${where}: frequency must be > 0 Hz, got ${frequency_Hz}`);
    }
    if (!Number.isFinite(real_ohm) || !Number.isFinite(imaginary_ohm)) {
      throw inputError(
        this.source.field,
        `${where}: impedance is not numeric (got Re(Z) ${real_ohm}, Im(Z) ${imaginary_ohm})`,
      );
    }
    const previous = this.f[this.f.length - 1];
    const step = previous === undefined ? 0 : Math.sign(frequency_Hz - previous);
    if (step !== 0 && this.direction !== 0 && step !== this.direction && !this.turn) {
      this.turn = { line, from: previous, to: frequency_Hz };
    }
    if (step !== 0 && this.direction === 0) this.direction = step;
    this.f.push(frequency_Hz);
    this.re.push(real_ohm);
    this.im.push(imaginary_ohm);
  }

  /**
   * A sweep runs one way; frequencies that turn back mean several sweeps in one file (an EC-Lab
   * PEIS in a loop, joined exports), all of which would be fitted as one spectrum.
   */
  warnings(): ReadWarning[] {
    if (!this.turn) return [];
    const { line, from, to } = this.turn;
    return [
      {
        about: "file",
        message: `${this.source.file}, line ${line}: the frequency turns back (${from} Hz, then ${to} Hz): the file may hold several sweeps, fitted here as one spectrum`,
      },
    ];
  }

  spectrum(): ImpedanceSpectrum {
    if (this.f.length === 0) throw inputError(this.source.field, `${this.source.file}: no data rows`);
    return {
      frequency_Hz: Float64Array.from(this.f),
      real_ohm: Float64Array.from(this.re),
      imaginary_ohm: Float64Array.from(this.im),
    };
  }
}
