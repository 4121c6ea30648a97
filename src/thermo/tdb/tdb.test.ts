import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inputErrorMessage } from "../../testing/inputErrorMessage.js";
import { inWorker } from "../../testing/inWorker.js";
import { binaryPhases } from "../binary.js";
import { Database } from "./database.js";

const FIXTURES = "../shared/data/tdb/pycalphad-tests/";
const read = (file: string) => readFileSync(file, "utf8");

const messageOf = inputErrorMessage;

describe("TDB reading as Thermo-Calc writes and pycalphad reads", () => {
  it("parses every fixture database without an unreadable statement", () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".tdb"));
    expect(files.length).toBe(7);
    for (const file of files) {
      const db = Database.parse(read(FIXTURES + file));
      expect(db.problems, file).toEqual([]);
      expect(db.phases.size, file).toBeGreaterThan(0);
    }
  });

  it("takes a parameter without temperature limits as 298.15-6000 K (Thermo-Calc defaults)", () => {
    const db = Database.parse(
      "ELEMENT AL FCC_A1 26.98 0 0 ! FUNCTION GALLIQ 298.15 +1000+2*T; 6000 N !\n" +
        "PHASE LIQUID:L % 1 1 ! CONST LIQUID:L : AL : !\nPARA G(LIQUID,AL) +GALLIQ; N !\nPARA G(LIQUID,AL;1) +GALLIQ#*2; ,,N !",
    );
    expect(db.problems).toEqual([]);
    const [g, g1] = db.parameters;
    expect(g.value.breakpoints).toEqual([298.15, 6000]);
    expect(g1.value.breakpoints).toEqual([298.15, 6000]);
    expect(db.parameterValue(g, 500)).toBeCloseTo(2000, 12);
    expect(db.parameterValue(g1, 500)).toBeCloseTo(4000, 12);
  });

  it("reads magnetic and DIS_PART type definitions, abbreviated and in lower case, and REJECT_PHASE", () => {
    const db = Database.parse(
      [
        "element li bcc_a2 6.94 0 0 ! element al fcc_a1 26.98 0 0 ! element va vacuum 0 0 0 !",
        "type_def b ges a_p_d bcc_a2 magnetic -1.0 0.40 !",
        "TYPE_DEFINITION O GES AMEND_PHASE_DESCRIPTION B2#X DIS_PART BCC_A2,,,!",
        "TYPE_DEFINITION & GES A_P_D @ MAGNETIC -3.0 2.80000E-01 !",
        "DEFINE_SYSTEM_DEFAULT ELEMENT 2 ! DEFAULT_COMMAND DEF_SYS_ELEMENT VA /- !",
        "DEFAULT_COMMAND REJECT-PHASE GAS,B2#X !",
        "phase bcc_a2 %b 2 1 3 ! const bcc_a2 : al,li : va : !",
        "PHASE B2#X %O& 3 .5 .5 3 ! CONST B2#X : AL,LI : AL,LI : VA : !",
        "LIST_OF_REFERENCES",
        " NUMBER  SOURCE",
        "  REF1 'A. Author, a journal (1999)'",
        " !",
      ].join("\n"),
    );
    expect(db.problems).toEqual([]);
    expect(db.phases.get("BCC_A2")?.magnetic).toEqual({ afmFactor: -1, structureFactor: 0.4 });
    expect(db.phases.get("B2#X")?.disorderedPart).toBe("BCC_A2");
    expect(db.phases.get("B2#X")?.magnetic).toEqual({ afmFactor: -3, structureFactor: 0.28 });
    expect([...db.rejectedPhases]).toEqual(["GAS", "B2#X"]);
  });

  it("reports an unreadable statement once, with its line and what was expected", () => {
    // COST 507 line 8872: a stray "!" inside the B4M3 parameter splits it in two.
    const db = Database.parse(read("../shared/data/tdb/COST507.tdb"));
    expect(db.problems).toHaveLength(1);
    expect(db.problems[0]).toMatchObject({ line: 8872, phase: "B4M3", species: ["B", "HF", "TI"] });
    expect(db.problems[0].message).toBe(
      'a "!" inside the statement ends it before ".0E-4; 6000.00 N"; expected "!" only at its end',
    );
    const broken = (p: (typeof db.parameters)[number]) =>
      p.phase === "B4M3" && p.order === 0 && p.constituents[1]?.join() === "HF,TI";
    expect(db.parameters.some(broken)).toBe(false);
  });

  it("reports the unreadable statement as the cause when a requested phase needs it", () => {
    const text = [
      "ELEMENT LI BCC_A2 6.94 0 0 ! ELEMENT NI FCC_A1 58.69 0 0 !",
      "PHASE LIQUID % 1 1 ! CONSTITUENT LIQUID : LI,NI : !",
      "PARAMETER G(LIQUID,LI;0) 298.15 -1000; 6000 N !",
      "PARAMETER G(LIQUID,NI;0) 298.15 -2000 +* T; 6000 N !",
    ].join("\n");
    const message = messageOf(() => binaryPhases(Database.parse(text), "NI", 600, ["LIQUID"]));
    expect(message).toMatch(
      /phase LIQUID needs the statement at line 4, which could not be read: unexpected "\*"/,
    );
    expect(message.match(/line 4/g)).toHaveLength(1);
  });

  it("refuses bad requests with the field, the value and what was expected", () => {
    const db = Database.parse(read(`${FIXTURES}cumg.tdb`));
    expect(messageOf(() => binaryPhases(db, "ZN", 600, undefined, { reactant: "MG" }))).toMatch(
      /params.system.metal: element ZN is not in the database \(expected one of .*CU.*MG/,
    );
    expect(messageOf(() => binaryPhases(db, "CU", 600, undefined, { reactant: "NA" }))).toMatch(
      /params.system.lithium: element NA is not in the database/,
    );
    expect(messageOf(() => binaryPhases(db, "CU", 600, ["LAVES"], { reactant: "MG" }))).toMatch(
      /params.system.phases: phase LAVES is not in the database \(expected one of .*CU2MG/,
    );
    // GHSERCU is given from 298.15 to 3200 K.
    expect(messageOf(() => binaryPhases(db, "CU", 4000, ["FCC_A1"], { reactant: "MG" }))).toMatch(
      /params.temperature: 4000 K is outside the range 298.15-3200 K of (function GHSERCU|parameter G\(FCC_A1,CU:VA;0\))/,
    );
    const noMg = Database.parse(
      "ELEMENT LI BCC_A2 6.94 0 0 ! ELEMENT MG HCP_A3 24.3 0 0 ! ELEMENT VA VACUUM 0 0 0 !\n" +
        "PHASE HCP_A3 % 2 1 .5 ! CONSTITUENT HCP_A3 : MG : VA : !\nPARAMETER G(HCP_A3,MG:VA;0) 298.15 -8000; 6000 N !",
    );
    expect(messageOf(() => binaryPhases(noMg, "MG", 300))).toMatch(
      /params.system: no phase .* contains both MG and LI, or LI at all/,
    );
    const noHost = Database.parse(
      "ELEMENT LI BCC_A2 6.94 0 0 ! ELEMENT AR GAS 39.9 0 0 ! ELEMENT VA VACUUM 0 0 0 !\n" +
        "PHASE BCC_A2 % 2 1 3 ! CONSTITUENT BCC_A2 : LI : VA : !\nPARAMETER G(BCC_A2,LI:VA;0) 298.15 -8000; 6000 N !",
    );
    expect(messageOf(() => binaryPhases(noHost, "AR", 300))).toMatch(
      /params.system.metal: no phase .* contains AR with LI/,
    );
  });

  it("evaluates every binary sub-system of the fixtures (Fe-Mn with Einstein, two-state, Xiong)", async () => {
    const results = await inWorker<{ file: string; pair: string; phases: number; error?: string }[]>(
      new URL("./fixtureSystems.ts", import.meta.url),
      "evaluateFixtureSystems",
      Object.fromEntries(
        readdirSync(FIXTURES)
          .filter((f) => f.endsWith(".tdb"))
          .map((f) => [f, read(FIXTURES + f)]),
      ),
      600,
    );
    expect(results.filter((r) => r.error !== undefined)).toEqual([]);
    expect(results.filter((r) => r.file === "femn.tdb").map((r) => `${r.pair} ${r.phases}`)).toEqual([
      "FE-MN 1",
      "MN-FE 1",
    ]);
    // 2 ordered pairs in each of Al-Fe, Al-Mg, Cr-Fe, Cu-Mg, Fe-Mn; 6 in Al-Cr-Ni; none in Al alone.
    expect(results).toHaveLength(16);
  }, 600_000);
});
