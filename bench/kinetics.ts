/**
 * `npm run bench -- kinetics`: Newton iterations and wall time of the nonlinear interface solves for
 * every nonlinear law at i/i_ex = 1, 100, 1e4, on the Xie2024 Fig. 8b problem (2D, one tip) and the
 * Zhang2024 egg-box (3D). The applied current is fixed and i_ex varied.
 */
import { solveInterface2D, solveInterface3D } from "../src/interface/index.js";
import { type Kinetics, lawOf } from "../src/kinetics/index.js";
import { xieFig8bTip } from "../src/testing/xieFig8bTip.js";
import { ELEMENTARY_CHARGE } from "../src/units/index.js";

const T = 298.15;
const RATIOS = [1, 100, 1e4];
const LAWS: [string, (i0: number) => Kinetics][] = [
  [
    "Butler-Volmer",
    (i0) => ({
      type: "butler-volmer",
      exchangeCurrentDensity: i0,
      alphaAnodic: 0.5,
      alphaCathodic: 0.5,
      temperature: T,
      pressure: 0,
      molarVolume: 13e-6,
    }),
  ],
  [
    "Tafel (cathodic)",
    (i0) => ({ type: "tafel", branch: "cathodic", exchangeCurrentDensity: i0, alpha: 0.5, temperature: T }),
  ],
  [
    "MHC, lambda 1 eV",
    (i0) => ({
      type: "marcus-hush-chidsey",
      exchangeCurrentDensity: i0,
      reorganizationEnergy: ELEMENTARY_CHARGE,
      temperature: T,
    }),
  ],
  [
    "MHC, lambda 0.25 eV",
    (i0) => ({
      type: "marcus-hush-chidsey",
      exchangeCurrentDensity: i0,
      reorganizationEnergy: 0.25 * ELEMENTARY_CHARGE,
      temperature: T,
    }),
  ],
];

const fig8b = (kinetics: Kinetics) => xieFig8bTip(0.125e-6, { kinetics });

function timed(solve: () => { newton: number; linear: number }): string {
  const start = performance.now();
  try {
    const { newton, linear } = solve();
    return `${String(newton).padStart(3)} Newton ${String(linear).padStart(5)} CG ${((performance.now() - start) / 1000).toFixed(2).padStart(6)} s`;
  } catch (error) {
    return `fails: ${(error as Error).message.replace(/^.*?: /, "").slice(0, 60)}`;
  }
}

export function benchKinetics(): void {
  console.log(
    "kinetics: nonlinear interface solves at a fixed current, i_ex = i / ratio (machine shared, timings noisy)",
  );
  console.log("  each cell: Newton steps, CG iterations summed over them, wall time of the whole solve");
  for (const [name, at] of LAWS) {
    for (const ratio of RATIOS) {
      const in2d = timed(() => {
        const s = solveInterface2D(fig8b(at(6.8 / ratio)));
        return { newton: s.newtonIterations, linear: s.linearIterations };
      });
      const in3d = timed(() => {
        const s = solveInterface3D({
          period_m: 150e-6,
          thickness_m: 150e-6,
          conductivity_S_m: 0.2,
          contour: { shape: "egg-box", height_m: 25e-6 },
          kinetics: at(10 / ratio),
          currentDensity_A_m2: 10,
          cellsPerPeriod: 32,
          relativeTolerance: 1e-8,
        });
        return { newton: s.newtonIterations, linear: s.iterations };
      });
      const law = `${name} i/i_ex=${ratio}`.padEnd(34);
      console.log(`  ${law} Fig 8b (2D, 0.125 um): ${in2d}`);
      console.log(`  ${" ".repeat(34)} egg-box (3D, 32^2 x 32): ${in3d}`);
    }
  }
  const reference2d = timed(() => {
    const s = solveInterface2D(fig8b({ type: "linear", asr: 2e-4 }));
    return { newton: s.newtonIterations, linear: s.linearIterations };
  });
  const reference3d = timed(() => {
    const s = solveInterface3D({
      period_m: 150e-6,
      thickness_m: 150e-6,
      conductivity_S_m: 0.2,
      contour: { shape: "egg-box", height_m: 25e-6 },
      kinetics: { type: "linear", asr: 1e-3 },
      currentDensity_A_m2: 10,
      cellsPerPeriod: 32,
      relativeTolerance: 1e-8,
    });
    return { newton: s.newtonIterations, linear: s.iterations };
  });
  console.log(
    `  reference, same meshes with linear kinetics (one CG solve, no Newton): Fig 8b ${reference2d}`,
  );
  console.log(`  ${" ".repeat(71)}egg-box ${reference3d}`);
  const k = LAWS[3][1](1);
  console.log(
    `  (MHC with lambda = 0.25 eV saturates at ${(lawOf(k).currentRange(k)[1]).toFixed(0)} i_ex: above it no steady state exists)`,
  );
}
