import { describe, expect, it } from "vitest";
import { findStudy } from "./registry.js";
import type { StudyResult } from "./types.js";

/** The studies whose figures follow issue 17's title rule (the others are checked by their owners). */
const STUDIES = [
  "alloy-film",
  "interface-2d",
  "interface-3d",
  "critical-current",
  "grain-energy",
  "grain-selection",
  "lithiation-potential",
  "buffer-layer",
  "ce-fit",
  "ce-free-energy",
];

/** A result with every optional series some plots() look for, so that all their figures appear. */
const result = (study: string): StudyResult => ({
  study,
  name: "my run",
  version: "0",
  inputs: {},
  metrics: {},
  series: {
    utilizationMap: {},
    chemoMechanicalPotential: {},
    freeEnergy_300K: { x: [], BCC_formation_eV_per_atom: [] },
    potential_300K: {},
    freeEnergy: { x: [], LIQUID_J_mol: [] },
  },
  diagnostics: { iterations: 0, residual: 0, wallSeconds: 0 },
});

describe("figures of a user's run", () => {
  it.each(STUDIES)("%s: titles say what was run, never a paper's figure", (id) => {
    const plots = findStudy(id).plots(result(id));
    expect(plots.length).toBeGreaterThan(0);
    for (const plot of plots) {
      expect(plot.title).not.toMatch(/\bFigs?\b\.?/i);
      // A paper citation such as "Zhang2025" belongs to reproductions, not to a user's figure.
      expect(plot.title).not.toMatch(/[A-Z][a-z]+20\d\d/);
    }
  });
});
