import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { type ReproductionEntry, selectReproductions } from "../../studies/index.js";
import { cli } from "../testing.js";
import { runReproductions } from "./concurrent.js";

const quiet = { start: () => {}, finish: () => {} };

/** The reports as JSON without wall-clock times, the one thing two runs of the same work never share. */
const comparable = (reports: unknown) =>
  JSON.parse(JSON.stringify(reports, (key, value) => (key === "wallSeconds" ? undefined : value)));

describe("reproduce --jobs", () => {
  it("gives the same reports, in registry order, on two threads as in one sequential run", async () => {
    // Cheap reproductions of three studies, so that a thread takes reproductions of different studies
    // (alloy-film's fig4a, 0.7 s of CPU in each run, left out); the last one marked long-running, so
    // the threads start it first.
    const selected = [
      "alloy-film/fig4b",
      "alloy-film/fig4c",
      "lithiation-potential",
      "corrosion-growth",
    ].flatMap(selectReproductions);
    expect(selected.length).toBe(4);
    const last = selected[selected.length - 1];
    const entries = [
      ...selected.slice(0, -1),
      { ...last, reproduction: { ...last.reproduction, longRunning: true } },
    ];
    const started: string[] = [];
    const sequential = await runReproductions(entries, { fast: true, jobs: 1 }, quiet);
    // The threads run the bundled thread.js, as the CLI users run starts them (tsx would load the
    // library's TypeScript in each thread, several seconds of processor time): the same
    // reproduction code, so its reports must equal the sequential run's from the source.
    const concurrent = await runReproductions(
      entries,
      { fast: true, jobs: 2, threadEntry: pathToFileURL(join(dirname(inject("bundledCli")), "thread.js")) },
      { start: (id) => started.push(id), finish: () => {} },
    );
    expect(concurrent.map((r) => r.id)).toEqual(entries.map((e) => e.reproduction.id));
    expect(started).toEqual([last, ...selected.slice(0, -1)].map((e) => e.reproduction.id));
    expect(comparable(concurrent)).toEqual(comparable(sequential));
  });

  it("gives a planned reproduction's report, its runs in the planned order, on two threads as in one sequential run", async () => {
    // Three runs of a cheap study that differ in one parameter; the summary names them in the
    // order it received them, which must be the order `runs` gave, whichever thread ran which.
    const [{ study }] = selectReproductions("corrosion-growth");
    const tolerances = [0.1, 0.3, 0.5];
    const planned: ReproductionEntry = {
      study,
      reproduction: {
        id: "corrosion-growth/planned",
        title: "three tolerances",
        runs: () =>
          tolerances.map((tolerance) => ({ name: `tolerance ${tolerance}`, params: { tolerance } })),
        summarise: (results) => ({
          rows: [
            {
              id: "order",
              quantity: "runs in order",
              paper: "",
              ours: results.map((r) => r.name).join(", "),
              tolerance: "",
              verdict: "match",
            },
          ],
          results,
          figures: [],
        }),
      },
    };
    const entries = [planned, ...selectReproductions("lithiation-potential")];
    const sequential = await runReproductions(entries, { fast: true, jobs: 1 }, quiet);
    const finished: string[] = [];
    const concurrent = await runReproductions(
      entries,
      { fast: true, jobs: 2, threadEntry: pathToFileURL(join(dirname(inject("bundledCli")), "thread.js")) },
      { start: () => {}, finish: (id) => finished.push(id) },
    );
    expect(concurrent[0].outcome.rows[0].ours).toBe("tolerance 0.1, tolerance 0.3, tolerance 0.5");
    expect(comparable(concurrent)).toEqual(comparable(sequential));
    expect(finished.sort()).toEqual(entries.map((e) => e.reproduction.id).sort());
  });

  it("refuses a --jobs that is not a whole number >= 1 (exit 2, naming the option)", async () => {
    const run = await cli("reproduce", "corrosion-growth", "--fast", "--jobs", "0");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--jobs: expected a whole number of threads >= 1, got "0"');
  });
});
