import { describe, expect, it } from "vitest";
import { inputErrorMessage } from "../../testing/inputErrorMessage.js";
import { planSweep } from "./plan.js";

const base = {
  study: "interface-3d",
  name: "egg-box",
  params: {
    contour: { shape: "egg-box", period: "150 um" },
    kinetics: { type: "linear", asr: "10 ohm*cm^2" },
  },
};
const sweep = (block: Record<string, unknown>) => planSweep({ ...base, sweep: block });
const problem = (block: Record<string, unknown>) => inputErrorMessage(() => sweep(block));

describe("sweep axes", () => {
  it("keeps lists, grid and zip as before", () => {
    const grid = sweep({
      over: { "contour.height": ["25 um", "50 um"], "contour.period": ["100 um", "150 um", "200 um"] },
    });
    expect(grid.points).toHaveLength(6);
    expect(grid.mode).toBe("grid");
    expect(grid.points[5].scenario.params).toMatchObject({ contour: { height: "50 um", period: "200 um" } });
    const zip = sweep({
      mode: "zip",
      over: { "contour.height": ["25 um", "50 um"], "contour.period": ["100 um", "150 um"] },
    });
    expect(zip.points.map((p) => p.values)).toEqual([
      { "contour.height": "25 um", "contour.period": "100 um" },
      { "contour.height": "50 um", "contour.period": "150 um" },
    ]);
  });

  it("spaces linspace evenly and logspace geometrically, in the unit of the first end", () => {
    const film = (spec: unknown) =>
      planSweep({ study: "alloy-film", sweep: { over: { "film.thickness": spec } } }).points.map(
        (p) => p.values["film.thickness"],
      );
    expect(film({ linspace: ["10 um", "0.1 mm", 10] })).toEqual(
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((h) => `${h} um`),
    );
    expect(film({ logspace: ["1 um", "1 mm", 4] })).toEqual(["1 um", "10 um", "100 um", "1000 um"]);
    expect(film({ linspace: ["5 um", "9 um", 1] })).toEqual(["5 um"]);
  });

  it("refuses units that do not go together, naming the field and the values", () => {
    expect(problem({ over: { "contour.height": ["10 um", "5 mA"] } })).toMatch(
      /sweep\.over\.contour\.height\[1\]: "5 mA" has units incompatible with "10 um"/,
    );
    expect(problem({ over: { "contour.height": { linspace: ["10 um", "5 s", 3] } } })).toMatch(
      /sweep\.over\.contour\.height\.linspace: the ends "10 um" and "5 s" have incompatible units/,
    );
    const sampler = { method: "latin-hypercube", samples: 4 };
    expect(problem({ over: { "contour.height": { range: ["10 um", "5 s"] } }, sampler })).toMatch(
      /sweep\.over\.contour\.height\.range: the ends "10 um" and "5 s" have incompatible units/,
    );
    expect(problem({ over: { "contour.height": [0, "5 um"] } })).toMatch(
      /\[1\]: "5 um" has units incompatible with 0; .* \(a bare number is SI; write its unit, e\.g\. "0 um"\)/,
    );
    expect(problem({ over: { "contour.height": { logspace: ["0 um", "5 um", 3] } } })).toMatch(
      /logspace: a logarithmic scale needs two ends of the same sign, neither zero/,
    );
    expect(problem({ over: { "contour.height": { linspace: ["1 um", "5 um", 0] } } })).toMatch(
      /linspace\[2\]: expected a whole number of values >= 1, got 0/,
    );
  });
});

describe("sweep samplers", () => {
  const ranges = {
    "contour.height": { range: ["10 um", "50 um"] },
    "kinetics.asr": { range: ["1 ohm*cm^2", "100 ohm*cm^2"], scale: "log" },
  };

  it("draws a seeded Latin hypercube inside the ranges, one point per stratum of each axis", () => {
    const plan = sweep({ over: ranges, sampler: { method: "latin-hypercube", samples: 20, seed: 4 } });
    expect(plan.mode).toBe("sample");
    expect(plan.points).toHaveLength(20);
    const h = plan.points.map((p) => Number.parseFloat(String(p.values["contour.height"])));
    const asr = plan.points.map((p) => Number.parseFloat(String(p.values["kinetics.asr"])));
    // Linear range: strata of 2 um; log range: strata of a tenth of a decade each.
    expect(new Set(h.map((x) => Math.floor((x - 10) / 2))).size).toBe(20);
    expect(new Set(asr.map((x) => Math.floor(Math.log10(x) * 10))).size).toBe(20);
    expect(h.every((x) => x >= 10 && x <= 50)).toBe(true);
    expect(plan.points[0].values["kinetics.asr"]).toMatch(/ ohm\*cm\^2$/);
    const again = sweep({ over: ranges, sampler: { method: "latin-hypercube", samples: 20, seed: 4 } });
    expect(again.points.map((p) => p.values)).toEqual(plan.points.map((p) => p.values));
    const other = sweep({ over: ranges, sampler: { method: "latin-hypercube", samples: 20, seed: 5 } });
    expect(other.points.map((p) => p.values)).not.toEqual(plan.points.map((p) => p.values));
  });

  it("lays out a Saltelli design of N(d + 2) points and Morris trajectories of d + 1", () => {
    const saltelli = sweep({ over: ranges, sampler: { method: "saltelli", samples: 8 } });
    expect(saltelli.points).toHaveLength(8 * 4);
    expect(saltelli.design?.method).toBe("saltelli");
    const morris = sweep({ over: ranges, sampler: { method: "morris", samples: 5, levels: 4, seed: 2 } });
    expect(morris.points).toHaveLength(5 * 3);
    // On a 4-level grid the height takes only 10, 23.33, 36.67 or 50 um.
    const levels = new Set(
      morris.points.map((p) => Math.round(Number.parseFloat(String(p.values["contour.height"])) * 3)),
    );
    expect([...levels].every((l) => [30, 70, 110, 150].includes(l))).toBe(true);
  });

  it("shifts the Sobol' points by a given seed and keeps the unscrambled sequence without one", () => {
    const values = (sampler: Record<string, unknown>) =>
      sweep({ over: ranges, sampler }).points.map((p) => p.values);
    const plain = values({ method: "sobol", samples: 8 });
    // The unscrambled sequence starts at the origin: the low end of both ranges.
    expect(plain[0]).toEqual({ "contour.height": "10 um", "kinetics.asr": "1 ohm*cm^2" });
    expect(values({ method: "sobol", samples: 8, seed: 7 })).toEqual(
      values({ method: "sobol", samples: 8, seed: 7 }),
    );
    expect(values({ method: "sobol", samples: 8, seed: 7 })).not.toEqual(plain);
    expect(values({ method: "saltelli", samples: 4, seed: 7 })).not.toEqual(
      values({ method: "saltelli", samples: 4 }),
    );
  });

  it("chooses among the values of a list axis in a sampled sweep", () => {
    // Second Sobol' coordinate: 0, 1/2, 1/4, 3/4, 3/8, 7/8, 1/8, 5/8; below 1/2 picks the first value.
    const plan = sweep({
      over: { "contour.height": { range: ["10 um", "50 um"] }, "contour.period": ["100 um", "200 um"] },
      sampler: { method: "sobol", samples: 8 },
    });
    expect(plan.points.map((p) => p.values["contour.period"])).toEqual([
      "100 um",
      "200 um",
      "100 um",
      "200 um",
      "100 um",
      "200 um",
      "100 um",
      "200 um",
    ]);
  });

  it("refuses empty ranges, unknown samplers and sample counts below one", () => {
    const over = { "contour.height": { range: ["10 um", "10 um"] } };
    expect(problem({ over, sampler: { method: "uniform", samples: 4 } })).toMatch(
      /sweep\.over\.contour\.height\.range: empty range: from "10 um" to "10 um"/,
    );
    expect(problem({ over: ranges, sampler: { method: "halton", samples: 4 } })).toMatch(
      /sweep\.sampler\.method: expected one of latin-hypercube, uniform, sobol, saltelli, morris, got "halton"/,
    );
    expect(problem({ over: ranges, sampler: { method: "uniform", samples: 0 } })).toMatch(
      /sweep\.sampler\.samples: expected the number of points, a whole number >= 1, got 0/,
    );
    expect(problem({ over: ranges })).toMatch(/sweep\.over\.contour\.height: a range is drawn by a sampler/);
    expect(problem({ over: ranges, sampler: { method: "morris", samples: 2, levels: 3 } })).toMatch(
      /sweep\.sampler\.levels: expected an even number of levels/,
    );
  });

  it("validates every sampled point before anything runs", () => {
    expect(
      problem({
        over: { "contour.height": { range: ["-50 um", "50 um"] } },
        sampler: { method: "sobol", samples: 4 },
      }),
    ).toMatch(/sweep point 3 \(contour\.height = "-25 um"\): params\.contour\.height/);
  });
});

describe("sweep constraints", () => {
  const over = {
    "contour.height": ["10 um", "30 um", "50 um", "70 um", "90 um", "120 um"],
    "contour.period": ["100 um", "0.15 mm"],
  };

  it("drop the points that break them, comparing quantities across units", () => {
    // Steeper egg-boxes than H/S = 2/pi do not fit the terrain-following grid.
    const plan = sweep({ over, constraints: "contour.height < 0.6 * contour.period" });
    // Below 60 um: 10, 30, 50; below 90 um: those and 70.
    expect(plan.points).toHaveLength(7);
    expect(plan.dropped).toBe(5);
    expect(plan.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const both = sweep({
      over,
      constraints: [
        "contour.height < 0.6 * contour.period",
        "contour.height >= 30 um and 2 * contour.height / contour.period > 0.5",
      ],
    });
    // 2H/S > 0.5: H > 25 um at S = 100 um, H > 37.5 um at S = 150 um.
    expect(both.points.map((p) => [p.values["contour.height"], p.values["contour.period"]])).toEqual([
      ["30 um", "100 um"],
      ["50 um", "100 um"],
      ["50 um", "0.15 mm"],
      ["70 um", "0.15 mm"],
    ]);
  });

  it("refuse unknown axes, mismatched units and anything but arithmetic and comparisons", () => {
    expect(problem({ over, constraints: "contour.heigth < contour.period" })).toMatch(
      /sweep\.constraints\[0\]: "contour\.heigth < contour\.period" names "contour\.heigth", which is not a swept axis; the axes are contour\.height, contour\.period/,
    );
    expect(problem({ over, constraints: "contour.height < 5 s" })).toMatch(
      /sweep\.constraints\[0\]: cannot evaluate "contour\.height < 5 s" at contour\.height = "10 um": Cannot compare units with different base/,
    );
    expect(problem({ over, constraints: "m(1) > 0" })).toMatch(
      /sweep\.constraints\[0\]: "m\(1\) > 0" uses m\(1\)/,
    );
    expect(problem({ over, constraints: "contour.height + 1 um" })).toMatch(/must be a condition/);
    expect(problem({ over, constraints: "contour.height > 1 km" })).toMatch(/no point of the 12 meets/);
    expect(
      problem({
        over: { "contour.height": { range: ["1 um", "2 um"] } },
        sampler: { method: "saltelli", samples: 4 },
        constraints: "contour.height > 1.5 um",
      }),
    ).toMatch(/sweep\.constraints: a saltelli design needs every one of its points/);
  });
});
