/**
 * Thermodynamics benchmarks: a full lithiation-potential curve (both paths, 2000 points in y) on
 * Li-Mg (one mixing sublattice, the fast path) and on a Li-XX database with five multi-sublattice
 * phases (ordered B2 with its disordered part, an L1_2-like, a Laves-like, a LiAl-like phase with
 * vacancies, a three-sublattice phase) through the general compound-energy path, target < 200 ms;
 * parsing the COST 507 database, target < 100 ms.
 */
import { readFileSync } from "node:fs";
import { runScenario } from "../src/studies/index.js";
import { Database } from "../src/thermo/index.js";

const REPEATS = 7;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median wall time (ms) after a warm-up; the CPU time is printed too, as the machine may be shared. */
function timed(run: () => void): number {
  run();
  const cpu: number[] = [];
  const wall = median(
    Array.from({ length: REPEATS }, () => {
      const start = performance.now();
      const before = process.cpuUsage();
      run();
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
      return performance.now() - start;
    }),
  );
  console.log(`  (median CPU time ${median(cpu).toFixed(1)} ms, wall ${wall.toFixed(1)} ms)`);
  return wall;
}

/** A made-up Li-XX system: energies of the size of real Li alloys, one phase of each kind. */
const FIVE_PHASES = `
ELEMENT VA VACUUM 0 0 0 ! ELEMENT LI BCC_A2 6.94 0 0 ! ELEMENT XX FCC_A1 50 0 0 !
TYPE_DEFINITION D GES A_P_D B2 DIS_PART BCC_A2,,,!
PHASE BCC_A2 % 2 1 3 ! CONSTITUENT BCC_A2 : LI,XX : VA : !
PARAMETER G(BCC_A2,LI:VA) 0; 6000 N ! PARAMETER G(BCC_A2,XX:VA) 3000; 6000 N !
PARAMETER G(BCC_A2,LI,XX:VA;0) -12000; 6000 N !
PHASE FCC_A1 % 2 1 1 ! CONSTITUENT FCC_A1 : LI,XX : VA : !
PARAMETER G(FCC_A1,LI:VA) 500; 6000 N ! PARAMETER G(FCC_A1,XX:VA) 0; 6000 N !
PARAMETER G(FCC_A1,LI,XX:VA;0) -9000; 6000 N ! PARAMETER G(FCC_A1,LI,XX:VA;1) 2000; 6000 N !
PHASE B2 %D 3 .5 .5 3 ! CONSTITUENT B2 : LI,XX : LI,XX : VA : !
PARAMETER G(B2,LI:XX:VA) -5000; 6000 N ! PARAMETER G(B2,XX:LI:VA) -5000; 6000 N !
PHASE BETA % 2 1 1 ! CONSTITUENT BETA : LI,XX : LI,VA : !
PARAMETER G(BETA,XX:LI) -44000+10*T; 6000 N ! PARAMETER G(BETA,LI:LI) 2000; 6000 N !
PARAMETER G(BETA,XX:VA) 20000; 6000 N ! PARAMETER G(BETA,LI:VA) 45000; 6000 N !
PARAMETER G(BETA,XX:LI,VA;0) -20000; 6000 N !
PHASE L12 % 2 .75 .25 ! CONSTITUENT L12 : LI,XX : LI,XX : !
PARAMETER G(L12,LI:LI) 1000; 6000 N ! PARAMETER G(L12,XX:XX) 1000; 6000 N !
PARAMETER G(L12,LI:XX) -14000; 6000 N ! PARAMETER G(L12,XX:LI) -9000; 6000 N !
PARAMETER G(L12,LI,XX:*;0) -6000; 6000 N !
PHASE LAVES % 2 2 1 ! CONSTITUENT LAVES : LI,XX : LI,XX : !
PARAMETER G(LAVES,LI:LI) 9000; 6000 N ! PARAMETER G(LAVES,XX:XX) 9000; 6000 N !
PARAMETER G(LAVES,LI:XX) -45000; 6000 N ! PARAMETER G(LAVES,XX:LI) 15000; 6000 N !
PHASE GAMMA % 3 3 2 1 ! CONSTITUENT GAMMA : LI : LI,XX : XX,VA : !
PARAMETER G(GAMMA,LI:LI:XX) -60000; 6000 N ! PARAMETER G(GAMMA,LI:XX:XX) -50000; 6000 N !
PARAMETER G(GAMMA,LI:LI:VA) -20000; 6000 N ! PARAMETER G(GAMMA,LI:XX:VA) -30000; 6000 N !
`;

export function benchThermo(): void {
  const curve =
    (system: unknown, context = {}) =>
    () =>
      void runScenario(
        { study: "lithiation-potential", params: { system, temperature: "300 K", points: 2000 } },
        context,
      );
  const liMg = timed(curve("Li-Mg"));
  console.log("lithiation-potential, both paths, 2000 points in y, 300 K (median of 7, including parsing):");
  console.log(
    `  Li-Mg (fast path): ${liMg.toFixed(1)} ms; target < 50 ms -> ${liMg < 50 ? "met" : "NOT met"}`,
  );
  const five = timed(
    curve({ tdb: "five-phases.tdb", metal: "XX" }, { readLines: () => FIVE_PHASES.split("\n") }),
  );
  console.log(
    `  Li-XX, five multi-sublattice phases (general path): ${five.toFixed(1)} ms; target < 200 ms -> ${five < 200 ? "met" : "NOT met"}`,
  );
  const text = readFileSync(new URL("../../shared/data/tdb/COST507.tdb", import.meta.url), "utf8");
  const parse = timed(() => void Database.parse(text));
  console.log(
    `COST 507 parse (${text.split("\n").length} lines): ${parse.toFixed(1)} ms; target < 100 ms -> ${parse < 100 ? "met" : "NOT met"}`,
  );
}
