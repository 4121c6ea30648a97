import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { inputError } from "../errors.js";
import { fileProblem } from "./fileProblem.js";

/** `-` names standard input, as in most Unix tools. */
export const STDIN = "-";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads a scenario file (YAML, or JSON by extension; `-` reads standard input as YAML, which also
 * accepts JSON). A missing, unreadable, empty or malformed file is an input error naming the file.
 */
export async function readScenario(path: string, stdin: () => Promise<string> = readStdin): Promise<unknown> {
  const label = path === STDIN ? "standard input" : JSON.stringify(path);
  let text: string;
  try {
    text = path === STDIN ? await stdin() : await readFile(path, "utf8");
  } catch (error) {
    throw inputError("file", `cannot read scenario ${label}: ${fileProblem(error)}`);
  }
  const empty = () =>
    inputError("file", `scenario ${label} is empty; expected at least "study: <id>" (see anodefree studies)`);
  if (text.trim() === "") throw empty();
  if (extname(path).toLowerCase() === ".json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw inputError("file", `${label} is not valid JSON: ${(error as Error).message}`);
    }
  }
  // Loaded here, not at start-up: yaml's ~70 modules cost more than a short command's whole run.
  const { parse: parseYaml, YAMLParseError } = await import("yaml");
  let scenario: unknown;
  try {
    scenario = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message.split("\n")[0] : String(error);
    throw inputError("file", `${label} is not valid YAML: ${detail}`);
  }
  if (scenario === null || scenario === undefined) throw empty();
  if (typeof scenario !== "object" || Array.isArray(scenario))
    throw inputError(
      "file",
      `${label} holds ${Array.isArray(scenario) ? "a list" : JSON.stringify(scenario)}; expected a scenario with "study: <id>" and "params:"`,
    );
  return scenario;
}
