import { InputError, inputError } from "../../errors.js";
import { evaluatePiecewise, type Piecewise, parsePiecewise } from "./expression.js";

/**
 * A Thermo-Calc TDB database (the subset needed for binary Li–M systems): ELEMENT, FUNCTION, PHASE,
 * CONSTITUENT, PARAMETER with temperature ranges. Bookkeeping statements are skipped; anything else
 * is refused with its line number. Comments start at '$'; statements end at '!'.
 */
export interface Parameter {
  kind: string;
  phase: string;
  /** Constituents per sublattice, upper case; interactions have several on one sublattice. */
  constituents: string[][];
  order: number;
  value: Piecewise;
}

export interface PhaseDefinition {
  name: string;
  siteRatios: number[];
  constituents: string[][];
  line: number;
}

const SKIPPED = [
  "DEFINE_SYSTEM_DEFAULT",
  "DEFAULT_COMMAND",
  "DATABASE_INFO",
  "TEMPERATURE_LIMITS",
  "VERSION_DATE",
  "VERSION",
  "REFERENCE_FILE",
  "ADD_REFERENCES",
  "LIST_OF_REFERENCES",
  "ASSESSED_SYSTEMS",
  "TYPE_DEFINITION",
  "SPECIES",
];

/** TDB commands may be abbreviated segment by segment: TEMP_LIM, TYPE_DEF, PARA, CONST. */
function keyword(word: string): string | undefined {
  const parts = word.toUpperCase().split("_");
  const all = ["ELEMENT", "FUNCTION", "PHASE", "CONSTITUENT", "PARAMETER", ...SKIPPED];
  return all.find((k) => {
    const segments = k.split("_");
    return (
      parts.length <= segments.length &&
      parts[0].length >= Math.min(3, segments[0].length) &&
      parts.every((p, i) => p !== "" && segments[i].startsWith(p))
    );
  });
}

export class Database {
  readonly elements = new Set<string>();
  readonly functions = new Map<string, Piecewise>();
  readonly phases = new Map<string, PhaseDefinition>();
  readonly parameters: Parameter[] = [];
  /** Ranges a requested temperature fell outside of, for warnings. */
  readonly warnings = new Set<string>();
  /**
   * Statements that could not be read ("line N: ..."). Real databases contain a few (COST 507 has a
   * stray "!" inside a B4M3 parameter); they only matter if a requested phase needs them.
   */
  readonly problems: { line: number; message: string; phase?: string }[] = [];

  static parse(text: string): Database {
    const db = new Database();
    const lines = text.split(/\r?\n/);
    let statement = "";
    let startLine = 0;
    lines.forEach((raw, index) => {
      const line = raw.replace(/\$.*$/, "");
      let rest = line;
      while (rest.length > 0) {
        const end = rest.indexOf("!");
        if (statement.trim() === "") startLine = index + 1;
        if (end < 0) {
          statement += ` ${rest}`;
          break;
        }
        statement += ` ${rest.slice(0, end)}`;
        try {
          db.statement(statement.trim(), startLine);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          const phase = /\(([A-Z0-9_]+)[,:]/i.exec(statement)?.[1]?.toUpperCase();
          db.problems.push({ line: startLine, message: error.message.replace(/^tdb: /, ""), phase });
        }
        statement = "";
        rest = rest.slice(end + 1);
      }
    });
    if (statement.trim() !== "") throw inputError("tdb", `line ${startLine}: statement not closed with "!"`);
    return db;
  }

  private statement(text: string, line: number): void {
    if (text === "") return;
    const [first, ...words] = text.split(/\s+/);
    const command = keyword(first);
    if (!command) throw inputError("tdb", `line ${line}: unsupported command "${first}"`);
    if (SKIPPED.includes(command)) return;
    switch (command) {
      case "ELEMENT":
        this.elements.add(words[0].toUpperCase());
        return;
      case "FUNCTION":
        this.functions.set(
          words[0].toUpperCase(),
          parsePiecewise(text.slice(text.indexOf(words[0]) + words[0].length), line),
        );
        return;
      case "PHASE": {
        const name = words[0].split(":")[0].toUpperCase();
        const count = Number(words[2]);
        const ratios = words.slice(3, 3 + count).map(Number);
        if (!(count >= 1) || ratios.length !== count || ratios.some((r) => !(r > 0))) {
          throw inputError(
            "tdb",
            `line ${line}: PHASE ${name} needs a sublattice count and ${count} positive site ratios`,
          );
        }
        this.phases.set(name, { name, siteRatios: ratios, constituents: [], line });
        return;
      }
      case "CONSTITUENT": {
        const name = words[0].split(":")[0].toUpperCase();
        const phase = this.phases.get(name);
        if (!phase) throw inputError("tdb", `line ${line}: CONSTITUENT for undeclared phase ${name}`);
        // After the phase token (which may carry a ":L"-style suffix) comes " : sublattice 1 : ... :".
        const body = text.slice(text.indexOf(":", text.indexOf(words[0]) + words[0].length) + 1);
        phase.constituents = body
          .split(":")
          .map((s) => s.trim())
          .filter((s) => s !== "")
          .map((s) =>
            s
              .split(/[\s,]+/)
              .filter(Boolean)
              .map((c) => c.replace(/%$/, "").toUpperCase()),
          );
        return;
      }
      case "PARAMETER": {
        // The ";order" is optional in real databases (COST 507 has "L(BCC_A2,MG,ZN:VA)"): order 0.
        const match = /^\s*\S+\s+([A-Z0-9_]+)\(([^,]+),([^;)]+)(?:;(\d+))?\)\s*([\s\S]*)$/i.exec(text);
        if (!match) throw inputError("tdb", `line ${line}: cannot read parameter "${text.slice(0, 60)}"`);
        this.parameters.push({
          kind: match[1].toUpperCase(),
          phase: match[2].split(":")[0].toUpperCase(),
          constituents: match[3]
            .split(":")
            .map((s) => s.split(",").map((c) => c.trim().replace(/%$/, "").toUpperCase())),
          order: Number(match[4] ?? 0),
          value: parsePiecewise(match[5], line),
        });
        return;
      }
    }
  }

  /** Evaluates a FUNCTION (recursively) at temperature T. */
  functionValue(name: string, t: number, line = 0): number {
    const f = this.functions.get(name);
    if (!f) throw inputError("tdb", `line ${line}: undefined function or symbol "${name}"`);
    return evaluatePiecewise(
      f,
      t,
      (n) => this.functionValue(n, t, f.line),
      (r) => this.warnings.add(`${name}: ${r[0]}-${r[1]} K`),
    );
  }

  /** Evaluates a parameter expression at T. */
  parameterValue(p: Parameter, t: number): number {
    return evaluatePiecewise(
      p.value,
      t,
      (n) => this.functionValue(n, t, p.value.line),
      (r) =>
        this.warnings.add(
          `${p.kind}(${p.phase},${p.constituents.map((c) => c.join(",")).join(":")};${p.order}): ${r[0]}-${r[1]} K`,
        ),
    );
  }
}
