import { type ImpedanceRead, readImpedance } from "../../cell/index.js";
import { inputError } from "../../errors.js";
import type { DataFile } from "../shared/cellData.js";
import type { RunContext } from "../types.js";

const FIELDS = ["frequency", "real", "imaginary", "negativeImaginary"];

/**
 * The measured spectrum named in `params.data`, in any impedance export we know (found from its
 * content), with the layout it was read as and, as "path: why", what the reader had to assume.
 */
export function readSpectrumFile(
  data: DataFile,
  context: RunContext,
): Omit<ImpedanceRead, "warnings"> & { warnings: string[] } {
  if (!context.readLines) {
    throw inputError(
      "params.data.file",
      "this run cannot read files (give the data inline or run from the CLI)",
    );
  }
  for (const field of Object.keys(data.columns)) {
    if (!FIELDS.includes(field)) {
      throw inputError(`params.data.columns.${field}`, `unknown field; expected one of ${FIELDS.join(", ")}`);
    }
  }
  const read = readImpedance(context.readLines(data.file, "params.data.file"), {
    ...data,
    field: "params.data.file",
  });
  return { ...read, warnings: read.warnings.map((w) => `params.data.${w.about}: ${w.message}`) };
}
