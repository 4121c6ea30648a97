/** Test support: the CLI in-process with a recorded terminal (not part of the package). */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "./main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Terminal {
  columns?: number;
  stdin?: string;
}

/** `cli("run", file)` or `cli({ columns: 80 }, "studies")`: main(argv, io) with stdout/stderr recorded. */
export async function cli(...args: (Terminal | string)[]): Promise<CliRun> {
  const terminal = typeof args[0] === "string" ? {} : (args[0] as Terminal);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(
    args.filter((a): a is string => typeof a === "string"),
    {
      out: (t) => stdout.push(t),
      err: (t) => stderr.push(t),
      columns: terminal.columns ?? 100,
      stdin: async () => terminal.stdin ?? "",
    },
  );
  return { code, stdout: stdout.join(""), stderr: stderr.join("") };
}

export function scenarioIn(folder: string, name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}
