import type { Reproduction } from "../types.js";

/**
 * None: the DFT energies and fitted coefficients behind Xie2024 Figs 2-3 are not in the paper text, so
 * F(x, T) of Ag-Li itself cannot be reproduced (docs/cluster-expansion.md). The cluster counts of
 * Table 3 are reproduced by ce-fit.
 */
export const ceFreeEnergyReproductions: Reproduction[] = [];
