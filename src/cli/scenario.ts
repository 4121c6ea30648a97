import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { inputError } from "../errors.js";

/** Reads a scenario file (YAML, or JSON by extension); a missing or malformed file is an input error. */
export async function readScenario(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw inputError("file", `cannot read scenario ${JSON.stringify(path)}: ${reason}`);
  }
  if (extname(path).toLowerCase() === ".json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw inputError("file", `${path} is not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message.split("\n")[0] : String(error);
    throw inputError("file", `${path} is not valid YAML: ${detail}`);
  }
}
