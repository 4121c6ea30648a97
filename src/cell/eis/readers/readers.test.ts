import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { linesRelativeTo, readLinesSync } from "../../../cli/lines.js";
import { InputError } from "../../../errors.js";
import { seriesToCsv } from "../../../report/csv.js";
import { runScenario } from "../../../studies/index.js";
import { inputErrorMessage } from "../../../testing/inputErrorMessage.js";
import { type ImpedanceRead, readImpedance } from "./index.js";

const work = mkdtempSync(join(tmpdir(), "anodefree-eis-"));

/** Reads `text` as the file `name` would be read: written to disk, streamed line by line. */
function read(name: string, text: string): ImpedanceRead {
  writeFileSync(join(work, name), text);
  return readImpedance(readLinesSync(join(work, name)), { file: name });
}

const messageOf = (name: string, text: string) => inputErrorMessage(() => read(name, text));

const points = (r: ImpedanceRead) =>
  [...r.spectrum.frequency_Hz].map((f, i) => [f, r.spectrum.real_ohm[i], r.spectrum.imaginary_ohm[i]]);

/**
 * A Gamry Potentiostatic EIS export as shown in mikexstudios/impconv's README ("Sample formats:
 * Gamry"): EXPLAIN preamble, `ZCURVE TABLE`, a names row, a units row, tab-indented rows.
 */
const gamry = (rows: string[], units = "\t#\ts\tHz\tohm\tohm\tV\tohm\t°\tA\tV\t#", after = "") =>
  [
    "EXPLAIN",
    "TAG\tEISPOT",
    "TITLE\tLABEL\tPotentiostatic EIS\tTest &Identifier",
    "DATE\tLABEL\t5/11/2016\tDate",
    "\t",
    "VDC\tPOTEN\t1.30000E+000\tF\tDC &Voltage (V)",
    "FREQINIT\tQUANT\t1.00000E+005\tInitial Fre&q. (Hz)",
    "EOC\tQUANT\t0.1358522\tOpen Circuit (V)",
    "ZCURVE\tTABLE",
    "\tPt\tTime\tFreq\tZreal\tZimag\tZsig\tZmod\tZphz\tIdc\tVdc\tIERange",
    units,
    ...rows,
    after,
  ].join("\r\n");

const GAMRY_ROWS = [
  "\t0\t1\t100019.5\t224.6075\t-3.767681\t1\t224.6391\t-0.961018\t2.402966E-006\t1.299216\t10",
  "\t1\t3\t79511.72\t224.712\t-4.283262\t1\t224.7528\t-1.091989\t1.847788E-006\t1.299205\t10",
  "\t2\t4\t63105.47\t225.1894\t-4.847088\t1\t225.2416\t-1.233072\t1.641699E-006\t1.299213\t10",
];
/** The same rows' Freq, Zreal, Zimag, as written above. */
const GAMRY_POINTS = [
  [100019.5, 224.6075, -3.767681],
  [79511.72, 224.712, -4.283262],
  [63105.47, 225.1894, -4.847088],
];

describe("impedance exports are read as-is, the format found from the content", () => {
  it("EC-Lab PEIS .mpt (real export): f, Re(Z) and -Im(Z) as Im(Z), every row below the 68-line header", () => {
    const file = "../shared/data/cell/biologic/peis.mpt";
    const r = readImpedance(readLinesSync(file), { file });
    expect(r.layout).toBe("biologic-mpt");
    // Lines 69 to 100 of the file are data rows.
    expect(r.spectrum.frequency_Hz).toHaveLength(32);
    // line 69: 1.9999814E+005	1.0512296E+001	7.3047662E-001 ...
    expect(points(r)[0]).toEqual([1.9999814e5, 1.0512296e1, -7.3047662e-1]);
    // line 100: 1.0000616E+000	1.8024315E+001	2.6962531E+000 ...
    expect(points(r)[31]).toEqual([1.0000616, 1.8024315e1, -2.6962531]);
    // One sweep from 200 kHz down to 1 Hz: nothing to warn about.
    expect(r.warnings).toEqual([]);
  });

  it("Gamry .DTA: the ZCURVE table's Freq, Zreal, Zimag in the units of its units row; the table ends at the next section", () => {
    const r = read(
      "eis.DTA",
      gamry(GAMRY_ROWS, undefined, "EXPERIMENTABORTED\tTOGGLE\tT\tExperiment Aborted"),
    );
    expect(r.layout).toBe("gamry-dta");
    expect(points(r)).toEqual(GAMRY_POINTS);
    const milli = read("milli.DTA", gamry(GAMRY_ROWS, "\t#\ts\tkHz\tmohm\tmohm\tV\tohm\t°\tA\tV\t#"));
    expect(points(milli)[0][0]).toBeCloseTo(100019.5e3, 6);
    expect(points(milli)[0][1]).toBeCloseTo(0.2246075, 12);
  });

  it("Gamry .DTA saved in Latin-1 (its ° in the units row is no UTF-8) reads the same", () => {
    writeFileSync(join(work, "latin1.DTA"), Buffer.from(gamry(GAMRY_ROWS), "latin1"));
    const r = readImpedance(readLinesSync(join(work, "latin1.DTA")), { file: "latin1.DTA" });
    expect(points(r)).toEqual(GAMRY_POINTS);
  });

  it("Gamry .DTA written with decimal commas gives the same spectrum", () => {
    const comma = GAMRY_ROWS.map((row) => row.replace(/(\d)\.(\d)/g, "$1,$2"));
    expect(points(read("comma.DTA", gamry(comma)))).toEqual(GAMRY_POINTS);
  });

  it("ZView .z (older layout, impconv's README): comma rows, Z''(b) is Im(Z)", () => {
    const r = read(
      "old.z",
      [
        '"ZView Calculated Data File: Version 1.1"',
        "\"  Freq (Hz)    Ampl     Bias   Time(Sec)   Z'(a)    Z''(b)    GD   Err   Range\"",
        " 6.500000E+0004,  0.000000E+0000,  0.000000E+0000,  1.000000E+0000,  1.773600E+0003, -6.670100E+0000,  0.000000E+0000, 0, 0",
        " 5.793100E+0004,  0.000000E+0000,  0.000000E+0000,  2.000000E+0000,  1.893600E+0003, -1.203200E+0001,  0.000000E+0000, 0, 0",
      ].join("\n"),
    );
    expect(r.layout).toBe("zplot");
    expect(points(r)).toEqual([
      [65000, 1773.6, -6.6701],
      [57931, 1893.6, -12.032],
    ]);
  });

  it("ZPlot2 .z: the rows below End Comments (impedance.py's readZPlot), tab-separated", () => {
    const r = read(
      "zplot2.z",
      [
        "ZPLOT2 ASCII",
        "  Measured Data, ZPlot:       3.2c",
        "  Experiment Type:            Sweep Frequency, Control Voltage",
        "  Begin User Comments:        0",
        "  End User Comments:          0",
        "End Comments:",
        "1.0000E+05\t0\t0\t1.5\t12.5\t-0.25\t0\t0\t0",
        "1.0000E+00\t0\t0\t9.5\t30.0\t-8.0\t0\t0\t0",
      ].join("\n"),
    );
    expect(r.layout).toBe("zplot");
    expect(points(r)).toEqual([
      [1e5, 12.5, -0.25],
      [1, 30, -8],
    ]);
  });

  it("a header below a preamble: CH Instruments' text export (impconv's README), Z\" for Z''", () => {
    const r = read(
      "chi.txt",
      [
        "Init E (V) = 0.2",
        "High Frequency (Hz) = 1e+5",
        "Imp SF",
        "Quiet Time (sec) = 0",
        "",
        "Freq/Hz, Z'/ohm, Z\"/ohm, Z/ohm, Phase/deg",
        "",
        "8.252e+4, 1.079e+2, -2.715e+0, 1.080e+2, -1.4",
        "6.812e+4, 1.077e+2, -3.172e+0, 1.078e+2, -1.7",
      ].join("\n"),
    );
    expect(r.layout).toBe("headed-csv");
    expect(points(r)).toEqual([
      [82520, 107.9, -2.715],
      [68120, 107.7, -3.172],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it("headerless f, Z', Z'' files: comma, space or semicolon with decimal commas, comment lines skipped", () => {
    const expected = [
      [1000, 10.5, -0.5],
      [10, 12, -3.25],
    ];
    expect(points(read("a.csv", "1000,10.5,-0.5\n10,12,-3.25\n"))).toEqual(expected);
    expect(points(read("b.txt", "# f Z' Z''\n  1000   10.5  -0.5\n  10  12  -3.25\n"))).toEqual(expected);
    const semicolon = read("c.txt", "1000;10,5;-0,5\n10;12;-3,25\n");
    expect(semicolon.layout).toBe("three-column");
    expect(points(semicolon)).toEqual(expected);
    expect(semicolon.warnings).toEqual([]);
  });

  it("warns when a headerless file's Z'' is mostly positive (it may hold -Im(Z)), and reads it as written", () => {
    const r = read("minus.csv", "1000,10.5,0.5\n10,12,3.25\n1,13,-0.1\n");
    expect(r.spectrum.imaginary_ohm[0]).toBe(0.5);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].about).toBe("file");
    expect(r.warnings[0].message).toMatch(/minus\.csv: .*2 of 3 values are positive.*-Im\(Z\)/);
  });

  it("warns about a unit the header does not give (read as SI), not about our own _Hz/_ohm names", () => {
    const r = read("bare.csv", "freq,Re(Z),-Im(Z) / Ohm\n100,2,1\n");
    expect(points(r)).toEqual([[100, 2, -1]]);
    expect(r.warnings).toEqual([
      {
        about: "units.frequency",
        message: 'unit guessed; column "freq" of bare.csv names none and is read as Hz',
      },
      {
        about: "units.real",
        message: 'unit guessed; column "Re(Z)" of bare.csv names none and is read as ohm',
      },
    ]);
    const given = readImpedance(["freq,Re(Z),-Im(Z) / Ohm", "100,2,1"], {
      file: "given.csv",
      units: { frequency: "kHz", real: "mohm" },
    });
    expect(points(given)).toEqual([[1e5, 0.002, -1]]);
    expect(given.warnings).toEqual([]);
    expect(read("ours.csv", "frequency_Hz,real_ohm,imaginary_ohm\n100,2,-1\n").warnings).toEqual([]);
  });

  it("eis-fit reports what the reader assumed among the run's warnings, at the scenario path to change", () => {
    writeFileSync(
      join(work, "bare-rc.csv"),
      "freq,Re(Z),-Im(Z) / Ohm\n1000,10.1,0.9\n100,14,4.5\n10,19,1.2\n1,20,0.1\n",
    );
    const result = runScenario(
      { study: "eis-fit", params: { circuit: "R0-p(R1,C1)", data: { file: "bare-rc.csv" } } },
      { readLines: linesRelativeTo(join(work, "scenario.yaml")) },
    );
    expect(result.warnings).toEqual([
      'params.data.units.frequency: unit guessed; column "freq" of bare-rc.csv names none and is read as Hz',
      'params.data.units.real: unit guessed; column "Re(Z)" of bare-rc.csv names none and is read as ohm',
    ]);
  });

  it("columns named in data.columns are read whatever their header says", () => {
    const r = readImpedance(["F / kHz;ZR / ohm;ZI / ohm", "2,5;10;-1,25"], {
      file: "named.txt",
      columns: { frequency: "F", real: "ZR", imaginary: "ZI" },
    });
    expect(r.layout).toBe("headed-csv");
    expect(points(r)).toEqual([[2500, 10, -1.25]]);
  });

  it("warns when the frequency turns back (several sweeps in one file), naming the line", () => {
    const r = read("two.csv", "100,1,-1\n10,2,-2\n100,1,-1\n10,2,-2\n");
    expect(r.spectrum.frequency_Hz).toHaveLength(4);
    expect(r.warnings).toEqual([
      {
        about: "file",
        message:
          "two.csv, line 3: the frequency turns back (10 Hz, then 100 Hz): the file may hold several sweeps, fitted here as one spectrum",
      },
    ]);
    // A sweep upwards is one sweep too.
    expect(read("up.csv", "1,2,-2\n10,1,-1\n100,1,-0.5\n").warnings).toEqual([]);
  });

  it("round trip: the spectrum eis-fit writes with --out reads back identical, and refits to the same parameters", () => {
    const params = {
      circuit: "R0-p(R1,C1)",
      data: {
        synthetic: { parameters: { R0: 10, R1: 40, C1: 2e-5 }, from: "100 kHz", to: "0.1 Hz", noise: 0.01 },
      },
    };
    const first = runScenario({ study: "eis-fit", params });
    const back = read("spectrum.csv", seriesToCsv(first.series.spectrum));
    expect(back.layout).toBe("headed-csv");
    expect([...back.spectrum.frequency_Hz]).toEqual(first.series.spectrum.frequency_Hz);
    expect([...back.spectrum.real_ohm]).toEqual(first.series.spectrum.real_ohm);
    expect([...back.spectrum.imaginary_ohm]).toEqual(first.series.spectrum.imaginary_ohm);
    const again = runScenario(
      { study: "eis-fit", params: { ...params, data: { file: "spectrum.csv" } } },
      { readLines: linesRelativeTo(join(work, "scenario.yaml")) },
    );
    expect(again.metrics.parameters).toEqual(first.metrics.parameters);
    expect(again.metrics.dataLayout).toBe("headed-csv");
    expect(again.warnings).toEqual([]);
  });

  it("takes its lines from a generator, which can be read only once: every row arrives", () => {
    let pulled = 0;
    function* lines() {
      yield "frequency_Hz,real_ohm,imaginary_ohm";
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield `${10 ** (5 - i / 200)},${1 + i},${-i}`;
      }
    }
    const r = readImpedance(lines(), { file: "generated" });
    expect(pulled).toBe(1000);
    expect(r.spectrum.real_ohm[999]).toBe(1000);
  });
});

describe("impedance files we cannot read are refused with file, line and column", () => {
  it("a file of no known layout: its first line and the layouts we know", () => {
    const message = messageOf("odd.txt", "Sample: cell 3\nvalue,other\n1,2\n");
    expect(message).toMatch(/odd\.txt: no impedance layout matches; line 1 is "Sample: cell 3"/);
    for (const id of ["biologic-mpt", "gamry-dta", "zplot", "headed-csv", "three-column"]) {
      expect(message).toContain(id);
    }
  });

  it("a header unit that is not a resistance, and a header with no imaginary part", () => {
    expect(messageOf("v.csv", "freq / Hz,Re(Z) / V,-Im(Z) / Ohm\n1,2,3\n")).toMatch(
      /v\.csv, line 1, column "Re\(Z\)\/V": unit "V" is not a unit of ohm/,
    );
    expect(messageOf("re.csv", "\n# comment\nfreq / Hz,Re(Z) / Ohm\n1,2\n")).toMatch(
      /re\.csv, line 3: no imaginary-impedance column .*the header has freq\/Hz, Re\(Z\)\/Ohm/,
    );
    expect(messageOf("g.DTA", gamry(GAMRY_ROWS, "\t#\ts\tHz\tV\tohm\tV\tohm\t°\tA\tV\t#"))).toMatch(
      /g\.DTA, line 11, column "Zreal": unit "V" is not a unit of ohm/,
    );
  });

  it("a Gamry file with no impedance table, a truncated Gamry row, text in a ZView row", () => {
    expect(messageOf("cv.DTA", "EXPLAIN\nTAG\tCV\nCURVE\tTABLE\n")).toMatch(
      /cv\.DTA: a Gamry \.DTA file of experiment CV with no "ZCURVE TABLE"/,
    );
    expect(messageOf("cut.DTA", gamry([GAMRY_ROWS[0], "\t1\t3\t79511.72"]))).toMatch(
      /cut\.DTA, line 13: expected at least 5 values, got 3/,
    );
    expect(
      messageOf(
        "t.z",
        '"ZView Calculated Data File: Version 1.1"\n 1.0E+0002, 0, 0, 1, 5.0E+0000, n/a, 0, 0, 0\n',
      ),
    ).toMatch(/t\.z, line 2, column "Z''\(b\)": "n\/a" is not a number/);
  });

  it("an empty file and a UTF-16 export, worded by the cycler reader layer", () => {
    expect(messageOf("empty.csv", "")).toMatch(/empty\.csv: the file is empty/);
    writeFileSync(join(work, "utf16.txt"), Buffer.from("\uFEFFfreq,Re(Z),Im(Z)\n1,2,-3\n", "utf16le"));
    let message = "";
    try {
      readImpedance(readLinesSync(join(work, "utf16.txt")), { file: "utf16.txt" });
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/utf16\.txt, line 1: the file is UTF-16 text/);
  });

  it("frequencies <= 0, mixed decimal separators, a headerless file of four columns", () => {
    expect(messageOf("zero.csv", "0,1,-1\n")).toMatch(/zero\.csv, line 1: frequency must be > 0 Hz, got 0/);
    expect(messageOf("mixed.txt", "1000;10,5;-0,5\n10;12.5;-3\n")).toMatch(
      /mixed\.txt, line 2, column "column 2 \(Z'\)": decimal point in "12\.5", but line 1 uses the other/,
    );
    expect(messageOf("four.csv", "1,2,3,4\n")).toMatch(
      /four\.csv, line 1: a headerless file must have 3 columns/,
    );
  });
});
