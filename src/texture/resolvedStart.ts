import { MAX_ACTIVE, type SparseField } from "./phaseField.js";

/**
 * The "resolved start" of a semi-implicit grain-selection run: a rule of the field for when the
 * semi-implicit step at Zhang2025's dt = 0.01 may take over from resolved explicit sub-steps.
 *
 * Why: at the paper size the semi-implicit scheme from t = 0 ran up to 6 points ahead of the
 * dt-converged explicit history during the (001) takeover (t = 5-16), and the whole gap was made in
 * t <= 3 (docs/texture.md): the (101) nuclei first spread as wide low profiles that overlap by the
 * dozen (cells hold the cap of MAX_ACTIVE grains), and which grains such a cell keeps decides the
 * early boundaries. One step of 0.01 and 141 explicit sub-steps keep different ones.
 *
 * The rule: each step of dt is taken as explicit sub-steps of RESOLVED_FRACTION x the explicit
 * stability limit, and from the step where no cell is empty any more (sum of phi >= 1/2) a trial
 * semi-implicit step of dt is taken from the same state and compared with the resolved result.
 * The start ends at the first step where they differ by less than `tolerance` in every phi of every
 * cell (the local error of one semi-implicit step). The measure is of the field: its value does not depend on the
 * run's dt beyond being the error of the step that is to follow. At Li solid parameters it stays at
 * 2e-3 to 8e-3 while the overlapping (101) profiles resolve, then falls within a few tenths of a
 * unit of time to below 1e-4 (t = 4.21, 9.06, 3.03, 4.42 on seeds 1-4 at the paper size) and stays
 * below ~3e-4. Seed 2 dips to 3e-4 at t = 3.8 and rises to 8e-3 again until t = 7.2: hence 1e-4,
 * not 1e-3. Against the explicit scheme at 0.01 / 141 (dt / 16 shortened to divide 0.01, records at
 * the same times) the texture history is then within 0.5 points at every record to t = 400 on
 * seeds 1-6 (docs/texture.md).
 *
 * Sub-step of the start as a fraction of the explicit stability limit: the step at which the
 * explicit history is the reference the texture target of 1 point is judged against (the explicit
 * scheme at dt / 16; at 0.9 / 16 within 0.52-0.71 points of 0.9 / 32 at every record of a
 * paper-size run on seeds 1, 3, 4, 5). The start's error does not fade: it sets where
 * the first boundaries stand to a fraction of a cell, and they keep that offset while they migrate.
 * At 0.9 / 8 (1.3 points off 0.9 / 16 at t = 15.2 on seed 1) every flip of seed 3's last (101)
 * grain at t = 108.5-110 came 0.036 time units early (0.05 at most), and against the explicit
 * scheme at 0.01 / 141 (records at the same times) 2, 1, 0, 0, 4, 0 records of 3981 were more than
 * 1 point off on seeds 1-6; at 0.9 / 16 none. Against 0.01 / 282 seeds 2 and 6 keep 4 records
 * off (1.6 and 1.5 points), as the 0.01 / 141 history itself does: the start's error is first
 * order in its sub-step, and 0.9 / 16 is as converged as the reference (docs/texture.md).
 */
export const RESOLVED_FRACTION = 0.9 / 16;
/** Default tolerance of the local error of one semi-implicit step (largest |phi| difference). */
export const START_TOLERANCE = 1e-4;

/**
 * Largest |phi_a - phi_b| over every grain of every cell in [0, cells) (a grain absent from a cell
 * has phi = 0 there). Each cell's grains of b are spread over a per-grain table first, so a cell
 * costs its slot counts instead of their product (16 x 16 look-ups per cell at the grain cap).
 */
export function maxDifference(a: SparseField, b: SparseField, cells: number): number {
  let grains = 0;
  for (const field of [a, b])
    for (let cell = 0; cell < cells; cell++)
      for (let s = 0; s < field.counts[cell]; s++)
        grains = Math.max(grains, field.ids[cell * MAX_ACTIVE + s] + 1);
  const phiOfB = new Float64Array(grains);
  // The cell where a grain was last seen in b (its phiOfB entry is valid there) and in a.
  const inB = new Int32Array(grains).fill(-1);
  const inA = new Int32Array(grains).fill(-1);
  let worst = 0;
  for (let cell = 0; cell < cells; cell++) {
    const base = cell * MAX_ACTIVE;
    for (let s = 0; s < b.counts[cell]; s++) {
      phiOfB[b.ids[base + s]] = b.values[base + s];
      inB[b.ids[base + s]] = cell;
    }
    for (let s = 0; s < a.counts[cell]; s++) {
      const id = a.ids[base + s];
      inA[id] = cell;
      worst = Math.max(worst, Math.abs(a.values[base + s] - (inB[id] === cell ? phiOfB[id] : 0)));
    }
    for (let s = 0; s < b.counts[cell]; s++)
      if (inA[b.ids[base + s]] !== cell) worst = Math.max(worst, Math.abs(b.values[base + s]));
  }
  return worst;
}

/** A cell no grain has claimed yet: sum of phi below 1/2 (a boundary or junction has ~1). */
export function hasEmptyCell(field: SparseField, cells: number): boolean {
  for (let cell = 0; cell < cells; cell++) {
    let sum = 0;
    for (let s = 0; s < field.counts[cell]; s++) sum += field.values[cell * MAX_ACTIVE + s];
    if (sum < 0.5) return true;
  }
  return false;
}
