/**
 * The studies' ids and one-line descriptions, in registry order, without loading any model: what
 * `anodefree studies` and `--help` print. Importing the registry builds every study's schema and
 * loads all the physics; this table costs nothing. catalog.test.ts keeps it equal to the registry.
 */
export const studyCatalog: readonly { id: string; description: string }[] = [
  {
    id: "alloy-film",
    description:
      "Li diffusion into an alloy film until its surface saturates; utilization, chemo-mechanical potential (M6, Wang2024 Fig. 4)",
  },
  {
    id: "interface-2d",
    description:
      "Li current distribution at a rough collector under a conducting layer: tips, alloy sites, kinetics (M1, Xie2024 Figs 8-9)",
  },
  {
    id: "interface-3d",
    description:
      "Current distribution on periodically contoured Li/electrolyte interfaces in 3D (M1 3D, Zhang2024)",
  },
  {
    id: "critical-current",
    description:
      "Creep pressure (3D) and the geometrical critical current for dendrites on contoured Li/electrolyte interfaces (M1 3D + M2, Zhang2024)",
  },
  {
    id: "cycling",
    description:
      "Analyse galvanostatic cycling data: capacities, Coulombic efficiency, overpotentials, shorts (M8, Wang2024 Fig. 2)",
  },
  {
    id: "ccd-ramp",
    description:
      "Critical-current ramps: simulate with a pluggable failure criterion or analyse measured ramps (M8, Zhang2024)",
  },
  {
    id: "eis-fit",
    description:
      "Fit equivalent circuits to impedance spectra, with standard errors and the Lin-KK validity test (M8)",
  },
  {
    id: "corrosion-growth",
    description:
      "Fit corrosion-layer thickness versus time with linear and parabolic laws; apparent activation energy (M8, Wang2024)",
  },
  {
    id: "grain-energy",
    description:
      "Which texture grows: surface-energy versus strain-energy density of two grain orientations (M7, Zhang2025 eqs 1-13)",
  },
  {
    id: "grain-selection",
    description:
      "Multi-grain Allen-Cahn phase field of texture selection during deposition (M7, Zhang2025 eqs 14-17)",
  },
  {
    id: "lithiation-potential",
    description:
      "Lithiation potential of Li–M alloys from CALPHAD free energies: equilibrium and over-saturation paths (M3, Xie2024 eqs 3-5)",
  },
  {
    id: "buffer-layer",
    description:
      "One lithiation of a metal/carbon buffer layer: alloying vs plating, pore filling, pressure, interface separation and extrusion (M5, Xie2024 Figs 6-7)",
  },
  {
    id: "ce-fit",
    description:
      "Cluster expansion fit: orbits within cutoffs, correlation functions, lasso with 5-fold CV over alpha (M4, Xie2024 eq 1, Table 3)",
  },
  {
    id: "ce-free-energy",
    description:
      "Free energy of alloy lattices from cluster-expansion Monte Carlo and thermodynamic integration, formation free energy and lithiation potential (M4, Xie2024 eqs 2-5)",
  },
];
