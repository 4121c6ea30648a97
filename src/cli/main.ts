import { availableParallelism } from "node:os";
import { Command, CommanderError, Option } from "commander";
import { InputError, inputError, NumericalError } from "../errors.js";
import { flattenMetricRows, formatNumber, metricRows } from "../report/format.js";
import { wrap } from "../report/wrap.js";
import { studyCatalog } from "../studies/catalog.js";
import type { ReproductionReport, StudyResult } from "../studies/index.js";
import { VERSION } from "../version.js";
import { parameterRows } from "./describe.js";
import type { Io } from "./io.js";
import { planOutput, writeDirectoryAtomically } from "./output.js";
import { progressBar, stepProgress } from "./progress.js";
import { readScenario, STDIN } from "./scenario.js";
import type { SweepOptions } from "./sweep/index.js";
import type { WorkerOptions } from "./sweep/queue/worker.js";
import { formatTable } from "./table.js";
import { wholeNumberOption } from "./wholeNumber.js";

export type { Io } from "./io.js";

/**
 * The models (every study's schema and physics) and the report load only for the commands that
 * use them: `anodefree studies` and `--help` read the static catalog and start in Node's own time.
 */
const studiesModule = () => import("../studies/index.js");
const reportFiles = () => import("../report/bundle.js");

async function plotsOfResults() {
  const { findStudy } = await studiesModule();
  return (result: StudyResult) => findStudy(result.study).plots(result);
}

/** The same readable metrics as the HTML report: 4 significant digits, units, nested rows indented. */
function printMetrics(result: StudyResult, io: Io): void {
  const rows = flattenMetricRows(metricRows(result.metrics)).map((row) => [
    `${"  ".repeat(row.depth)}${row.label}`,
    row.value,
    row.unit,
  ]);
  io.out(`${result.name} (${result.study})\n${formatTable(["metric", "value", "unit"], rows, io.columns)}\n`);
}

function printWarnings(result: StudyResult, io: Io): void {
  for (const warning of result.warnings ?? []) io.err(`warning: ${warning}\n`);
}

/** The paper-vs-ours table, fitted to the terminal; notes are numbered below it. */
function printReproductions(reports: ReproductionReport[], io: Io): void {
  const notes: string[] = [];
  const rows = reports.flatMap((r) =>
    r.outcome.rows.map((row) => {
      let verdict: string = row.verdict;
      if (row.note && row.verdict !== "match") {
        notes.push(`[${notes.length + 1}] ${row.id}, ${row.quantity}: ${row.note}`);
        verdict += ` [${notes.length}]`;
      }
      return [row.id, row.quantity, row.paper, row.ours, row.tolerance, verdict];
    }),
  );
  io.out(`${formatTable(["id", "quantity", "paper", "ours", "tolerance", "verdict"], rows, io.columns)}\n`);
  const wrapped = notes.map((note) => wrap(note, io.columns - 4).join("\n    "));
  if (notes.length > 0) io.out(`\nNotes\n${wrapped.join("\n")}\n`);
}

// The PNG renderer (resvg), the sweep runner and the queue worker (bullmq, ioredis) load only for the
// commands that use them, so that `anodefree studies` and a single run start fast.
const pngOptions = async (png: boolean | undefined) =>
  png ? { toPng: (await import("./png.js")).svgToPng } : {};

const PNG_NEEDS_OUT = "--png writes PNG plots next to the SVG plots of --out; add --out DIR";

function program(io: Io, exit: { code: number }): Command {
  const cli = new Command("anodefree")
    .description("Simulate the negative electrode of anode-free solid-state Li batteries")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  cli
    .command("studies")
    .description("list the available studies (models)")
    .action(() => {
      const rows = studyCatalog.map((s) => [s.id, s.description]);
      io.out(`${formatTable(["study", "description"], rows, Math.min(io.columns, 100))}\n`);
    });

  cli
    .command("describe")
    .argument("<study>", "study id, see `anodefree studies`")
    .option("--json", "print the parameter schema as JSON Schema (units, dimensions, defaults)")
    .description("list a study's parameters: path, default, SI unit, description")
    .action(async (id: string, options: { json?: boolean }) => {
      const schema = (await studiesModule()).describeStudy(id);
      if (options.json) {
        io.out(`${JSON.stringify(schema, null, 2)}\n`);
        return;
      }
      const rows = parameterRows(schema).map((r) => [r.path, r.default, r.unit, r.description]);
      const intro = `${id}: ${schema.description} Parameters go under params: in a scenario file; a bare number means the SI unit.`;
      io.out(
        `${wrap(intro, io.columns).join("\n")}\n\n${formatTable(["parameter", "default", "SI unit", "description"], rows, io.columns)}\n`,
      );
    });

  cli
    .command("run")
    .argument("<file>", "scenario file (YAML or JSON); - reads standard input")
    .option("--out <dir>", "write result.json, CSV series, plots and index.html to this new directory")
    .option("--overwrite", "let --out replace an earlier anodefree output in that directory")
    .option(
      "--set <path=value>",
      "override a parameter, e.g. --set film.thickness='2 um' (repeatable)",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--json", "print the result object to stdout")
    .option("--png", "also write PNG plots (with --out)")
    .description("run a scenario")
    .action(
      async (
        file: string,
        options: { out?: string; overwrite?: boolean; json?: boolean; png?: boolean; set: string[] },
      ) => {
        if (options.png && !options.out) throw inputError("--png", PNG_NEEDS_OUT);
        const read = await readScenario(file, io.stdin);
        if ((read as Record<string, unknown>).sweep !== undefined)
          throw inputError(
            "sweep",
            `${file === STDIN ? "this scenario" : file} has a sweep block; run it with \`anodefree sweep ${file === STDIN ? "FILE" : file}\``,
          );
        const anchor = file === STDIN ? "./scenario" : file;
        const [{ applyOverrides }, { resolveCsvTables }, { linesRelativeTo }, { runScenario }] =
          await Promise.all([
            import("./overrides.js"),
            import("./tables.js"),
            import("./lines.js"),
            studiesModule(),
          ]);
        const scenario = await resolveCsvTables(await applyOverrides(read, options.set), anchor);
        const output = options.out ? await planOutput(options.out, "run", options) : undefined;
        const bar = progressBar("running", io);
        let result: StudyResult;
        const readingNotes: string[] = [];
        try {
          const readLines = linesRelativeTo(anchor, (note) => readingNotes.push(note));
          result = runScenario(scenario, { onProgress: bar.update, readLines });
        } finally {
          bar.stop();
        }
        if (readingNotes.length > 0)
          result = { ...result, warnings: [...readingNotes, ...(result.warnings ?? [])] };
        printWarnings(result, io);
        if (output) {
          const plotsOf = await plotsOfResults();
          const { resultFiles } = await reportFiles();
          const files = await resultFiles(result, plotsOf(result), await pngOptions(options.png));
          await writeDirectoryAtomically(output, "run", files, options);
        }
        if (options.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
        else printMetrics(result, io);
      },
    );

  cli
    .command("reproduce")
    .argument("[id]", "a reproduction id, a study id, or all", "all")
    .option("--fast", "coarser numerics (CI and npm start)")
    .option("--out <dir>", "write an HTML report with plots to this new directory")
    .option("--overwrite", "let --out replace an earlier anodefree report in that directory")
    .option("--png", "also write PNG plots (with --out)")
    .option("--json", "print the table as JSON to stdout")
    .option(
      "--jobs <n>",
      "run this many reproductions at once, each in a thread (default: the number of cores)",
    )
    .description("run the built-in paper reproductions and print paper vs ours")
    .action(
      async (
        id: string,
        options: {
          fast?: boolean;
          out?: string;
          overwrite?: boolean;
          png?: boolean;
          json?: boolean;
          jobs?: string;
        },
      ) => {
        if (options.png && !options.out) throw inputError("--png", PNG_NEEDS_OUT);
        const fast = options.fast ?? false;
        const jobs = wholeNumberOption("--jobs", options.jobs, availableParallelism(), "threads");
        const [{ selectReproductions }, { runReproductions }] = await Promise.all([
          studiesModule(),
          import("./reproduce/concurrent.js"),
        ]);
        const entries = selectReproductions(id);
        const output = options.out ? await planOutput(options.out, "reproduce", options) : undefined;
        const steps = stepProgress("reproduce", entries.length, io);
        let reports: ReproductionReport[];
        try {
          reports = await runReproductions(entries, { fast, jobs }, steps);
        } finally {
          steps.stop();
        }
        if (output) {
          const [plotsOf, { reproductionFiles }] = await Promise.all([plotsOfResults(), reportFiles()]);
          const files = await reproductionFiles(reports, plotsOf, fast, await pngOptions(options.png));
          await writeDirectoryAtomically(output, "reproduce", files, options);
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
        if (reports.some((r) => r.outcome.rows.some((row) => row.verdict === "fail"))) exit.code = 1;
      },
    );

  cli
    .command("sweep")
    .argument(
      "<file>",
      "scenario file with a sweep block: sweep: { over: { <param path>: [values] }, mode: grid|zip }",
    )
    .option("--out <dir>", "keep per-point results (a rerun resumes) and write sweep.csv and sweep.json")
    .option("--overwrite", "discard an earlier sweep output in --out and start again")
    .option(
      "--jobs <n>",
      "run points in this many processes, each taking the next point (default: the number of cores)",
    )
    .option(
      "--queue <url>",
      "run the points as jobs on Redis (redis://HOST:PORT[/db], rediss://...) for `anodefree worker`s; needs --out",
    )
    .option("--dry-run", "print the points, their values and keys; run nothing")
    .option("--json", "print the summary (swept values and metrics per point) as JSON")
    .option("--png", "also write PNG plots (with --out)")
    .description("run a parameter sweep; every point is validated before any runs")
    .action(async (file: string, options: SweepOptions) => {
      if (options.png && !options.out) throw inputError("--png", PNG_NEEDS_OUT);
      const { sweepCommand } = await import("./sweep/index.js");
      const outcome = await sweepCommand(file, options, io);
      if (outcome.code !== 0) {
        io.err(outcome.stderr);
        exit.code = outcome.code;
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
            cell !== "" && Number.isFinite(Number(cell)) ? formatNumber(Number(cell)) : cell,
          ),
        );
        io.out(`${formatTable(outcome.table.columns, rounded, io.columns)}\n`);
      }
    });

  cli
    .command("worker")
    .requiredOption("--queue <url>", "the Redis of the sweeps: redis://HOST:PORT[/db] or rediss://...")
    .option("--jobs <n>", "run this many points at once (default: the number of cores)")
    .addOption(
      new Option(
        "--stall-interval <ms>",
        "how soon a killed worker's job goes to another (ms, default 30000)",
      ).env("ANODEFREE_QUEUE_STALL_MS"),
    )
    .description("take sweep points from a queue (`anodefree sweep --queue`) and run them, until stopped")
    .action(async (options: WorkerOptions) => {
      const { workerCommand } = await import("./sweep/queue/worker.js");
      exit.code = await workerCommand(options, io);
    });

  return cli;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  get columns() {
    // A pseudo-terminal may report 0 columns.
    return process.stdout.columns || 100;
  },
  get progressOnTerminal() {
    return Boolean(process.stderr.isTTY);
  },
};

/** Runs the CLI and returns its exit code: 0 ok, 1 failed reproduction or bug, 2 bad input, 3 numerical failure. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const exit = { code: 0 };
  try {
    await program(io, exit).parseAsync(argv, { from: "user" });
    return exit.code;
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
