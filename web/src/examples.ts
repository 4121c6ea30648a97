import { parse } from "yaml";

/** Every scenario file of examples/, bundled as text at build time. */
const texts = import.meta.glob<string>("../../examples/*.yaml", {
  query: "?raw",
  import: "default",
  eager: true,
});
/** The data files the examples name, loaded only when an example that names them is chosen. */
const dataFiles = import.meta.glob<string>("../../examples/data/*", { query: "?raw", import: "default" });

export interface Example {
  file: string;
  text: string;
  scenario: Record<string, unknown>;
}

export const examples: Example[] = Object.entries(texts)
  .map(([path, text]) => ({ file: path.split("/").pop() ?? path, text, scenario: parse(text) }))
  .sort((a, b) => a.file.localeCompare(b.file));

/** The files of examples/data an example's text names, as Files the worker can read. */
export async function exampleDataFiles(example: Example): Promise<File[]> {
  const named = Object.keys(dataFiles).filter((path) =>
    example.text.includes(path.replace("../../examples/", "")),
  );
  return Promise.all(
    named.map(async (path) => new File([await dataFiles[path]()], path.split("/").pop() ?? path)),
  );
}
