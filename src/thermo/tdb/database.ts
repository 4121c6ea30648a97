import { InputError, inputError } from "../../errors.js";
import { evaluatePiecewise, type Piecewise, parsePiecewise } from "./expression.js";

/**
 * A Thermo-Calc TDB database, read as Thermo-Calc writes and pycalphad reads it: ELEMENT, FUNCTION,
 * PHASE, CONSTITUENT, PARAMETER (with or without temperature limits), TYPE_DEFINITION (magnetic
 * and DIS_PART amendments); bookkeeping statements (DEFINE_SYSTEM_DEFAULT, DEFAULT_COMMAND,
 * references, ...) are skipped. Comments start at '$'; statements end at '!' and may span lines;
 * keywords may be abbreviated segment by segment and written in any case.
 */
export interface Parameter {
  /** G (L is read as G), TC, BMAGN (BM is read as BMAGN), or another property name. */
  kind: string;
  phase: string;
  /** Constituents per sublattice, upper case; interactions have several on one sublattice, "*" any. */
  constituents: string[][];
  order: number;
  value: Piecewise;
}

export interface MagneticModel {
  /** Inden–Hillert–Jarl antiferromagnetic factor (-1 for BCC, -3 for FCC/HCP). */
  afmFactor: number;
  /** Structure factor p (0.4 for BCC, 0.28 otherwise). */
  structureFactor: number;
}

export interface PhaseDefinition {
  name: string;
  siteRatios: number[];
  constituents: string[][];
  line: number;
  magnetic?: MagneticModel;
  /** The disordered phase of a partitioned order–disorder model (TYPE_DEFINITION ... DIS_PART). */
  disorderedPart?: string;
}

/** A statement that could not be read, with what it was about as far as that could be seen. */
export interface TdbProblem {
  line: number;
  message: string;
  phase?: string;
  /** The species named in a broken PARAMETER, so a problem in B4M3 B:HF,TI does not stop Li–Mg. */
  species?: string[];
  functionName?: string;
}

interface TypeDefinition {
  target: string;
  magnetic?: MagneticModel;
  disorderedPart?: string;
}

const SKIPPED = [
  "DEFINE_SYSTEM_DEFAULT",
  "DEFAULT_COMMAND",
  "DATABASE_INFO",
  "TEMPERATURE_LIMITS",
  "VERSION_DATE",
  "VERSION",
  "REFERENCE_FILE",
  "REFERENCE",
  "ADD_REFERENCES",
  "LIST_OF_REFERENCES",
  "ASSESSED_SYSTEMS",
  "SPECIES",
  "CREATE_NEW_DATABASE",
];
const KEYWORDS = ["ELEMENT", "FUNCTION", "PHASE", "CONSTITUENT", "PARAMETER", "TYPE_DEFINITION", ...SKIPPED];

const keywordCache = new Map<string, string | undefined>();

/** TDB commands may be abbreviated segment by segment: TEMP_LIM, TYPE_DEF, PARA, CONST. */
function keyword(word: string): string | undefined {
  if (keywordCache.has(word)) return keywordCache.get(word);
  const found = matchKeyword(word);
  // Databases repeat a handful of spellings; arbitrary words (unreadable statements) are not kept.
  if (found !== undefined && keywordCache.size < 256) keywordCache.set(word, found);
  return found;
}

function matchKeyword(word: string): string | undefined {
  const parts = word.toUpperCase().split(/[_-]/);
  return KEYWORDS.find((k) => {
    const segments = k.split("_");
    return (
      parts.length <= segments.length &&
      parts[0].length >= Math.min(3, segments[0].length) &&
      parts.every((p, i) => p !== "" && segments[i].startsWith(p))
    );
  });
}

const PARAMETER = /^\s*\S+\s+([A-Z0-9_]+)\s*\(\s*([^,\s]+)\s*,([^;)]+?)\s*(?:;\s*(\d+)\s*)?\)\s*([\s\S]*)$/i;
const PARAMETER_HEAD = /^\s*\S+\s+[A-Z0-9_]+\s*\(\s*([^,\s]+)\s*,([^;)]*)/i;
const KINDS: Record<string, string> = { L: "G", BM: "BMAGN" };

const upper = (name: string) => name.replace(/%$/, "").toUpperCase();

export class Database {
  readonly elements = new Set<string>();
  readonly functions = new Map<string, Piecewise>();
  readonly phases = new Map<string, PhaseDefinition>();
  readonly parameters: Parameter[] = [];
  /**
   * Statements that could not be read, one entry per line. Real databases contain a few (COST 507
   * has a stray "!" inside a B4M3 parameter); they only stop a run if a requested phase needs them.
   */
  readonly problems: TdbProblem[] = [];
  /** Phases a DEFAULT_COMMAND REJECT_PHASE leaves out unless asked for by name (as Thermo-Calc). */
  readonly rejectedPhases = new Set<string>();
  private readonly typeDefinitions = new Map<string, TypeDefinition>();
  private readonly phaseTypes = new Map<string, string>();

  static parse(text: string): Database {
    const db = new Database();
    const lines = text.split(/\r?\n/);
    let statement = "";
    let startLine = 0;
    let previous: { endLine: number; text: string; parameters: number; startLine: number } = {
      endLine: 0,
      text: "",
      parameters: 0,
      startLine: 0,
    };
    lines.forEach((raw, index) => {
      const comment = raw.indexOf("$");
      let rest = comment >= 0 ? raw.slice(0, comment) : raw;
      while (rest.length > 0) {
        const end = rest.indexOf("!");
        if (statement.trim() === "") startLine = index + 1;
        if (end < 0) {
          statement += ` ${rest}`;
          break;
        }
        statement += ` ${rest.slice(0, end)}`;
        const text = statement.trim();
        const before = db.parameters.length;
        if (!db.read(text, startLine) && previous.endLine === index + 1 && startLine === index + 1) {
          // The previous statement ended at a stray "!" on this line: it and this rest are one
          // unreadable statement, reported as the previous one.
          db.parameters.length = previous.parameters;
          db.problems.pop();
          db.read(
            `${previous.text}!${text}`,
            previous.startLine,
            `a "!" inside the statement ends it before "${text.slice(0, 40)}"; expected "!" only at its end`,
          );
        }
        previous = { endLine: index + 1, text, parameters: before, startLine };
        statement = "";
        rest = rest.slice(end + 1);
      }
    });
    // A file that ends inside a statement is truncated as a whole, not one unreadable statement.
    if (statement.trim() !== "") throw inputError("tdb", `line ${startLine}: statement not closed with "!"`);
    db.applyTypeDefinitions();
    return db;
  }

  /** Reads one statement; false (and a problem recorded) if it cannot be read. */
  private read(statement: string, line: number, failure?: string): boolean {
    try {
      if (failure) throw inputError("tdb", failure);
      this.statement(statement, line);
      return true;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // One problem per line: "line 91:" is said once.
      if (this.problems.some((p) => p.line === line)) return true;
      const message = error.problems.map((p) => p.message).join("; ");
      const head = PARAMETER_HEAD.exec(statement);
      const command = keyword(statement.split(/\s+/)[0]);
      this.problems.push({
        line,
        message,
        phase: head
          ? upper(head[1].split(":")[0])
          : command === "PHASE" || command === "CONSTITUENT"
            ? upper(statement.split(/\s+/)[1]?.split(":")[0] ?? "")
            : undefined,
        species: head
          ? head[2]
              .split(/[:,]/)
              .map((s) => upper(s.trim()))
              .filter((s) => s !== "")
          : undefined,
        functionName: command === "FUNCTION" ? upper(statement.split(/\s+/)[1] ?? "") : undefined,
      });
      return false;
    }
  }

  private statement(text: string, line: number): void {
    if (text === "") return;
    const [first, ...words] = text.split(/\s+/);
    const command = keyword(first);
    if (!command) throw inputError("tdb", `unsupported command "${first}"`);
    if (command === "DEFAULT_COMMAND" && /^REJ[A-Z]*[_-]PH/i.test(words[0] ?? "")) {
      for (const name of words
        .slice(1)
        .join(" ")
        .split(/[\s,]+/)
        .filter(Boolean))
        this.rejectedPhases.add(upper(name));
      return;
    }
    if (SKIPPED.includes(command)) return;
    switch (command) {
      case "ELEMENT":
        this.elements.add(upper(words[0]));
        return;
      case "FUNCTION":
        this.functions.set(
          upper(words[0]).replace(/#$/, ""),
          parsePiecewise(text.slice(text.indexOf(words[0]) + words[0].length), line),
        );
        return;
      case "TYPE_DEFINITION":
        this.typeDefinition(words);
        return;
      case "PHASE": {
        const name = upper(words[0].split(":")[0]);
        const count = Number(words[2]);
        const ratios = words.slice(3, 3 + count).map(Number);
        if (!(count >= 1) || ratios.length !== count || ratios.some((r) => !(r > 0))) {
          throw inputError(
            "tdb",
            `PHASE ${name}: expected a type code, a sublattice count and that many positive site ratios, got "${words.slice(1).join(" ")}"`,
          );
        }
        this.phases.set(name, { name, siteRatios: ratios, constituents: [], line });
        this.phaseTypes.set(name, words[1] ?? "");
        return;
      }
      case "CONSTITUENT": {
        const name = upper(words[0].split(":")[0]);
        const phase = this.phases.get(name);
        if (!phase) throw inputError("tdb", `CONSTITUENT for undeclared phase ${name}`);
        // After the phase token (which may carry a ":L"-style suffix) comes " : sublattice 1 : ... :".
        const body = text.slice(text.indexOf(":", text.indexOf(words[0]) + words[0].length) + 1);
        const constituents = body
          .split(":")
          .map((s) => s.trim())
          .filter((s) => s !== "")
          .map((s) =>
            s
              .split(/[\s,]+/)
              .filter(Boolean)
              .map(upper),
          );
        if (constituents.length !== phase.siteRatios.length)
          throw inputError(
            "tdb",
            `CONSTITUENT ${name}: ${constituents.length} sublattices listed, expected ${phase.siteRatios.length} as in its PHASE statement`,
          );
        phase.constituents = constituents;
        return;
      }
      case "PARAMETER": {
        // The ";order" is optional in real databases (COST 507 has "L(BCC_A2,MG,ZN:VA)"): order 0.
        const match = PARAMETER.exec(text);
        if (!match)
          throw inputError(
            "tdb",
            `expected "PARAMETER kind(phase,constituents;order) limits expression; limit N", got "${text.slice(0, 60)}"`,
          );
        const kind = match[1].toUpperCase();
        this.parameters.push({
          kind: KINDS[kind] ?? kind,
          phase: upper(match[2].split(":")[0]),
          constituents: match[3].split(":").map((s) => s.split(",").map((c) => upper(c.trim()))),
          order: Number(match[4] ?? 0),
          value: parsePiecewise(match[5], line),
        });
        return;
      }
    }
  }

  /**
   * "TYPE_DEF B GES A_P_D BCC_A2 MAGNETIC -1 0.4" and "TYPE_DEF O GES A_P_D BCC_B2 DIS_PART BCC_A2";
   * other type definitions (SEQ, IF ... THEN, composition sets) do not change the energy.
   */
  private typeDefinition(words: string[]): void {
    const [letter, , action, target, kind, ...rest] = words;
    if (!letter || !action || !/^A(MEND)?_?P/i.test(action) || !target || !kind) return;
    const values = rest
      .join(" ")
      .split(/[\s,]+/)
      .filter(Boolean);
    if (/^MAG/i.test(kind)) {
      const afmFactor = Number(values[0]);
      const structureFactor = Number(values[1]);
      if (!Number.isFinite(afmFactor) || !(structureFactor > 0 && structureFactor <= 1))
        throw inputError(
          "tdb",
          `TYPE_DEFINITION ${letter}: MAGNETIC needs the antiferromagnetic factor and the structure factor p (0 < p <= 1), got "${values.join(" ")}"`,
        );
      this.typeDefinitions.set(letter, { target: upper(target), magnetic: { afmFactor, structureFactor } });
    } else if (/^DIS/i.test(kind)) {
      if (!values[0])
        throw inputError("tdb", `TYPE_DEFINITION ${letter}: DIS_PART needs the disordered phase`);
      this.typeDefinitions.set(letter, { target: upper(target), disorderedPart: upper(values[0]) });
    }
  }

  private applyTypeDefinitions(): void {
    for (const [name, letters] of this.phaseTypes) {
      const phase = this.phases.get(name) as PhaseDefinition;
      for (const letter of letters) {
        const definition = this.typeDefinitions.get(letter);
        if (!definition || (definition.target !== "@" && definition.target !== name)) continue;
        if (definition.magnetic) phase.magnetic = definition.magnetic;
        if (definition.disorderedPart) phase.disorderedPart = definition.disorderedPart;
      }
    }
  }

  /**
   * The unreadable statement a phase of the given species needs, if any: a broken PHASE or
   * CONSTITUENT of it, or a broken PARAMETER of it among those species.
   */
  problemFor(phase: string, species: string[]): TdbProblem | undefined {
    return this.problems.find(
      (p) =>
        p.phase === phase &&
        (p.species === undefined || p.species.every((s) => s === "*" || species.includes(s))),
    );
  }

  /** Evaluates a FUNCTION (recursively) at temperature T. */
  functionValue(name: string, t: number, line = 0): number {
    const f = this.functions.get(name);
    if (!f) {
      const broken = this.problems.find((p) => p.functionName === name);
      if (broken)
        throw inputError(
          "tdb",
          `function ${name} (line ${broken.line}) could not be read: ${broken.message}`,
        );
      throw inputError("tdb", `line ${line}: undefined function or symbol "${name}"`);
    }
    return evaluatePiecewise(
      f,
      t,
      (n) => this.functionValue(n, t, f.line),
      (r) => {
        throw outside(`function ${name} (line ${f.line})`, r, t);
      },
    );
  }

  /** Evaluates a parameter expression at T; a temperature outside its ranges is an input error. */
  parameterValue(p: Parameter, t: number): number {
    return evaluatePiecewise(
      p.value,
      t,
      (n) => this.functionValue(n, t, p.value.line),
      (r) => {
        throw outside(`parameter ${describe(p)} (line ${p.value.line})`, r, t);
      },
    );
  }
}

export function describe(p: Parameter): string {
  return `${p.kind}(${p.phase},${p.constituents.map((c) => c.join(",")).join(":")};${p.order})`;
}

function outside(what: string, range: [number, number], t: number): InputError {
  return inputError(
    "params.temperature",
    `${t} K is outside the range ${range[0]}-${range[1]} K of ${what}; choose a temperature inside it or leave the phase out (params.system.phases)`,
  );
}
