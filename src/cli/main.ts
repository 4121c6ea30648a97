import { Command, CommanderError, Option } from "commander";
import { InputError, NumericalError } from "../errors.js";
import { reproductionFiles, resultFiles } from "../report/index.js";
import {
  describeStudy,
  findStudy,
  type ReproductionReport,
  reproduce,
  runScenario,
  type StudyResult,
  studies,
} from "../studies/index.js";
import { VERSION } from "../version.js";
import { linesRelativeTo } from "./lines.js";
import { writeDirectoryAtomically } from "./output.js";
import { svgToPng } from "./png.js";
import { progressBar } from "./progress.js";
import { readScenario } from "./scenario.js";
import { type SweepOptions, sweepCommand } from "./sweep.js";
import { formatTable } from "./table.js";
import { resolveCsvTables } from "./tables.js";

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const plotsOf = (result: StudyResult) => findStudy(result.study).plots(result);

/** Nested metrics (e.g. regions.tip.currentFraction) as one dotted row each. */
function metricRows(value: unknown, prefix: string): string[][] {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) =>
      metricRows(inner, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [[prefix, typeof value === "number" ? String(Number(value.toPrecision(6))) : JSON.stringify(value)]];
}

function printMetrics(result: StudyResult, io: Io): void {
  const rows = metricRows(result.metrics, "");
  io.out(`${result.name} (${result.study})\n${formatTable(["metric", "value"], rows)}\n`);
}

function printReproductions(reports: ReproductionReport[], io: Io): void {
  const rows = reports.flatMap((r) =>
    r.outcome.rows.map((row) => [row.id, row.quantity, row.paper, row.ours, row.tolerance, row.verdict]),
  );
  io.out(`${formatTable(["id", "quantity", "paper", "ours", "tolerance", "verdict"], rows)}\n`);
  const notes = reports.flatMap((r) => r.outcome.rows.filter((row) => row.note && row.verdict !== "match"));
  for (const row of notes) io.out(`note (${row.id}, ${row.quantity}): ${row.note}\n`);
}

function program(io: Io): Command {
  const cli = new Command("anodefree")
    .description("Simulate the negative electrode of anode-free solid-state Li batteries")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  cli
    .command("studies")
    .description("list the available studies (models)")
    .action(() => {
      io.out(
        `${formatTable(
          ["study", "description"],
          studies.map((s) => [s.id, s.description]),
        )}\n`,
      );
    });

  cli
    .command("describe")
    .argument("<study>", "study id, see `anodefree studies`")
    .description("print the study's parameter schema (JSON Schema with units and defaults)")
    .action((id: string) => {
      io.out(`${JSON.stringify(describeStudy(id), null, 2)}\n`);
    });

  cli
    .command("run")
    .argument("<file>", "scenario file (YAML or JSON)")
    .option("--out <dir>", "write result.json, CSV series, plots and index.html to this directory")
    .option("--json", "print the result object to stdout")
    .option("--png", "also write PNG plots (with --out)")
    .description("run a scenario")
    .action(async (file: string, options: { out?: string; json?: boolean; png?: boolean }) => {
      const scenario = await resolveCsvTables(await readScenario(file), file);
      const bar = progressBar("running");
      let result: StudyResult;
      try {
        result = runScenario(scenario, { onProgress: bar.update, readLines: linesRelativeTo(file) });
      } finally {
        bar.stop();
      }
      if (options.out) {
        const files = await resultFiles(result, plotsOf(result), options.png ? { toPng: svgToPng } : {});
        await writeDirectoryAtomically(options.out, files);
      }
      if (options.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else printMetrics(result, io);
    });

  cli
    .command("reproduce")
    .argument("[id]", "a reproduction id, a study id, or all", "all")
    .option("--fast", "coarser numerics (CI and npm start)")
    .option("--out <dir>", "write an HTML report with plots to this directory")
    .option("--png", "also write PNG plots (with --out)")
    .option("--json", "print the table as JSON to stdout")
    .description("run the built-in paper reproductions and print paper vs ours")
    .action(async (id: string, options: { fast?: boolean; out?: string; png?: boolean; json?: boolean }) => {
      const fast = options.fast ?? false;
      const reports = reproduce(id, { fast });
      if (options.out) {
        const files = await reproductionFiles(reports, plotsOf, fast, options.png ? { toPng: svgToPng } : {});
        await writeDirectoryAtomically(options.out, files);
      }
      if (options.json)
        io.out(
          `${JSON.stringify(
            reports.flatMap((r) => r.outcome.rows),
            null,
            2,
          )}\n`,
        );
      else printReproductions(reports, io);
      if (reports.some((r) => r.outcome.rows.some((row) => row.verdict === "fail"))) {
        process.exitCode = 1;
      }
    });

  cli
    .command("sweep")
    .argument(
      "<file>",
      "scenario file with a sweep block: sweep: { over: { <param path>: [values] }, mode: grid|zip }",
    )
    .option("--out <dir>", "keep per-point results (a rerun resumes) and write sweep.csv and sweep.json")
    .option("--jobs <n>", "run points in this many parallel processes (needs --out)", "1")
    .option("--json", "print the summary (swept values and metrics per point) as JSON")
    .option("--png", "also write PNG plots (with --out)")
    .addOption(new Option("--only <points>", "run only these point indices (used by --jobs)").hideHelp())
    .description("run a parameter sweep; every point is validated before any runs")
    .action(async (file: string, options: SweepOptions & { json?: boolean }) => {
      const outcome = await sweepCommand(file, options);
      if (outcome.code !== 0) {
        io.err(outcome.stderr);
        process.exitCode = outcome.code;
        return;
      }
      if (!outcome.table) return;
      if (options.json) {
        const points = outcome.plan.points.map((p) => ({
          ...p.values,
          metrics: outcome.results[p.index].metrics,
        }));
        io.out(`${JSON.stringify(points, null, 2)}\n`);
      } else {
        io.out(
          `${outcome.plan.name} (${outcome.plan.study}), ${outcome.table.rows.length} points, ${outcome.reused} reused\n`,
        );
        const rounded = outcome.table.rows.map((row) =>
          row.map((cell) =>
            cell !== "" && Number.isFinite(Number(cell)) ? String(Number(Number(cell).toPrecision(6))) : cell,
          ),
        );
        io.out(`${formatTable(outcome.table.columns, rounded)}\n`);
      }
    });

  return cli;
}

/** Runs the CLI and returns its exit code: 0 ok, 1 failed reproduction or bug, 2 bad input, 3 numerical failure. */
export async function main(
  argv: string[],
  io: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
): Promise<number> {
  process.exitCode = 0;
  try {
    await program(io).parseAsync(argv, { from: "user" });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof InputError || error instanceof NumericalError) {
      io.err(`error: ${error.message.replaceAll("\n", "\nerror: ")}\n`);
      return error.exitCode;
    }
    io.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
