import { inputError } from "../../errors.js";
import {
  type AnnealStage,
  anneal,
  buildSupercell,
  type ClusterExpansion,
  heatingBranch,
  integrateFreeEnergy,
  MetropolisSampler,
  randomConfiguration,
  type SupercellMatrix,
  xie2024Schedule,
} from "../../thermo/clusters/index.js";
import { equilibriumPath, lithiationGrid, potentialOnPath, tabulatedPhase } from "../../thermo/index.js";
import { AVOGADRO, dimensions, ELEMENTARY_CHARGE, parseQuantity } from "../../units/index.js";
import { expansionOf, expansionSchema } from "../shared/lattice.js";
import type { RunContext, Series, StudyOutput } from "../types.js";
import type { CeFreeEnergyParams } from "./schema.js";

function energyOf(value: string | number, field: string): number {
  const parsed = parseQuantity(value, dimensions.energy);
  if (!parsed.ok) throw inputError(field, parsed.message);
  return parsed.value;
}

function loadExpansion(
  phase: CeFreeEnergyParams["phases"][number],
  k: number,
  context: RunContext,
): ClusterExpansion {
  const field = `params.phases[${k}]`;
  let input = phase.expansion;
  if (!input && phase.expansionFile) {
    if (!context.readLines)
      throw inputError(`${field}.expansionFile`, "this run cannot read files (give the expansion inline)");
    const json = JSON.parse([...context.readLines(phase.expansionFile)].join("\n"));
    const parsed = expansionSchema.safeParse(json?.metrics?.expansion ?? json);
    if (!parsed.success)
      throw inputError(
        `${field}.expansionFile`,
        parsed.error.issues.map((i) => `[${i.path.join(".")}] ${i.message}`).join("; "),
      );
    input = parsed.data;
  }
  if (!input) throw inputError(field, "expected expansion or expansionFile");
  return expansionOf(input, energyOf);
}

function scheduleOf(params: CeFreeEnergyParams): AnnealStage[] {
  return params.schedule.kind === "xie2024"
    ? xie2024Schedule(params.schedule.stepsScale)
    : params.schedule.stages.map((s) => ({ temperature_K: s.temperature, steps: s.steps }));
}

function vibrationalAt(phase: CeFreeEnergyParams["phases"][number], temperature: number, x: number): number {
  const entry = phase.vibrational.find((v) => Math.abs(v.temperature - temperature) < 1e-6);
  if (!entry) return 0;
  const points = [...entry.points].sort((a, b) => a.x - b.x);
  const k = Math.max(0, Math.min(points.length - 2, points.findIndex((p) => p.x >= x) - 1));
  const [a, b] = [points[k], points[k + 1]];
  return a.freeEnergy + ((b.freeEnergy - a.freeEnergy) * (x - a.x)) / (b.x - a.x);
}

export function runCeFreeEnergy(params: CeFreeEnergyParams, context: RunContext): StudyOutput {
  const stages = scheduleOf(params);
  const branchTemperatures = heatingBranch(stages).map((s) => s.temperature_K);
  params.temperatures.forEach((t, k) => {
    if (!branchTemperatures.some((b) => Math.abs(b - t) < 1e-6)) {
      throw inputError(
        `params.temperatures[${k}]`,
        `${t} K is not on the heating branch; expected one of ${branchTemperatures.join(", ")} K`,
      );
    }
  });
  const expansions = params.phases.map((p, k) => loadExpansion(p, k, context));
  const totalSteps =
    params.phases.reduce((s, p) => s + p.compositions.length, 0) * stages.reduce((s, st) => s + st.steps, 0);
  let doneSteps = 0;
  // Energy at the lowest temperature of the schedule (the eq 2 reference), per phase and composition.
  const groundStates: { x: number; energy: number }[][] = params.phases.map(() => []);
  const annealing: Series = { phase: [], x: [], temperature_K: [], meanEnergy_eV_per_atom: [] };
  // free[phase][composition][output temperature], J per atom.
  const free = params.phases.map((phase, p) => {
    const expansion = expansions[p];
    return phase.compositions.map((x, c) => {
      const supercell = buildSupercell(
        expansion.lattice,
        phase.supercell as SupercellMatrix,
        `params.phases[${p}].supercell`,
      );
      const start = randomConfiguration(
        supercell,
        params.species,
        x,
        params.seed + 7919 * c,
        `params.phases[${p}].compositions[${c}]`,
      );
      const sampler = new MetropolisSampler(expansion, start, params.seed + 104729 * p + c);
      const stats = anneal(sampler, "canonical", stages, (done) => {
        doneSteps += stages[done - 1].steps;
        context.onProgress?.(doneSteps / totalSteps);
      });
      const perAtom = stats.map((s) => ({
        temperature_K: s.temperature_K,
        meanEnergy_J: s.meanEnergy_J / supercell.siteCount,
      }));
      for (const s of perAtom) {
        annealing.phase.push(p);
        annealing.x.push(x);
        annealing.temperature_K.push(s.temperature_K);
        annealing.meanEnergy_eV_per_atom.push(s.meanEnergy_J / ELEMENTARY_CHARGE);
      }
      const branch = heatingBranch(perAtom);
      groundStates[p].push({ x, energy: branch[0].meanEnergy_J / ELEMENTARY_CHARGE });
      const configurational = integrateFreeEnergy(branch);
      return params.temperatures.map((t) => {
        const k = branch.findIndex((b) => Math.abs(b.temperature_K - t) < 1e-6);
        return configurational[k] + vibrationalAt(phase, t, x);
      });
    });
  });
  const series: Record<string, Series> = { annealing };
  const perTemperature = params.temperatures.map((t, tk) => {
    const phases = params.phases.map((phase, p) => {
      const order = phase.compositions.map((x, c) => ({ x, f: free[p][c][tk] })).sort((a, b) => a.x - b.x);
      return tabulatedPhase(
        phase.name.toUpperCase(),
        order.map((o) => o.x),
        order.map((o) => o.f * AVOGADRO),
      );
    });
    const referenceName = (
      params.lithiumReference ?? params.phases.find((ph) => ph.compositions.includes(1))?.name
    )?.toUpperCase();
    const reference = phases.find((ph) => ph.name === referenceName && ph.xRange[1] === 1);
    const metalEnd = phases.filter((ph) => ph.xRange[0] === 0);
    const label = `${Math.round(t)}K`;
    const table: Series = { x: [] };
    for (const ph of phases) table[`${ph.name}_formation_eV_per_atom`] = [];
    const fLi = reference?.energy(1) ?? 0;
    const fM = metalEnd.length > 0 ? Math.min(...metalEnd.map((ph) => ph.energy(0))) : 0;
    for (let k = 0; k <= 200; k++) {
      const x = k / 200;
      table.x.push(x);
      for (const ph of phases) {
        const inside = x >= ph.xRange[0] && x <= ph.xRange[1];
        // Xie2024 eq 4: F - x F_Li(BCC, x = 1) - (1 - x) F_M(x = 0).
        table[`${ph.name}_formation_eV_per_atom`].push(
          inside ? (ph.energy(x) - x * fLi - (1 - x) * fM) / AVOGADRO / ELEMENTARY_CHARGE : Number.NaN,
        );
      }
    }
    series[`freeEnergy_${label}`] = table;
    let potential: { stablePhases: string[]; phaseBoundaries: number[] } | null = null;
    if (reference && metalEnd.length > 0) {
      const path = equilibriumPath(phases, fLi);
      const curve: Series = { y: [], x: [], equilibrium_V: [] };
      for (const y of lithiationGrid(params.yMax, 300)) {
        const x = y / (1 + y);
        curve.y.push(y);
        curve.x.push(x);
        curve.equilibrium_V.push(potentialOnPath(path, x, fLi));
      }
      series[`potential_${label}`] = curve;
      potential = {
        stablePhases: [
          ...new Set(
            path.flatMap((s) => (s.kind === "single" ? [s.phase.name] : [s.left.name, s.right.name])),
          ),
        ],
        phaseBoundaries: path.filter((s) => s.kind === "two-phase").flatMap((s) => [s.from, s.to]),
      };
    }
    return {
      temperature_K: t,
      ...potential,
      // Ready for lithiation-potential's tabulatedPhases (system: none).
      tabulatedPhases: params.phases.map((phase, p) => ({
        name: phase.name,
        points: phase.compositions
          .map((x, c) => ({ x, freeEnergy: `${(free[p][c][tk] * AVOGADRO).toFixed(3)} J/mol` }))
          .sort((a, b) => a.x - b.x),
      })),
    };
  });
  context.onProgress?.(1);
  return {
    metrics: {
      temperatures: perTemperature,
      groundStateEnergies_eV_per_atom: groundStates,
      monteCarloSteps: totalSteps,
    },
    series,
    diagnostics: { iterations: totalSteps, residual: 0 },
  };
}
