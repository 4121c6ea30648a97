import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Counts the computations, so each refusal is shown to come before any of them; or fails them
// numerically (the exit-code check at the end). One file for both: a file that replaces a library
// module runs in a process of its own, which imports the CLI and the library afresh (~7 s of
// processor time, more than the checks themselves).
const computed = vi.hoisted(() => ({ runs: 0, reproductions: 0, failNumerically: false }));
vi.mock("../studies/index.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../studies/index.js")>();
  const { NumericalError } = await import("../errors.js");
  return {
    ...original,
    runScenario: (...args: Parameters<typeof original.runScenario>) => {
      computed.runs++;
      if (computed.failNumerically)
        throw new NumericalError("diffusion step: Newton did not converge", 3.2e-4);
      return original.runScenario(...args);
    },
    runReproduction: (...args: Parameters<typeof original.runReproduction>) => {
      computed.reproductions++;
      return original.runReproduction(...args);
    },
  };
});

const { cli } = await import("./testing.js");

const example = resolve("examples/alloy-film-fig4a.yaml");
const work = mkdtempSync(join(tmpdir(), "anodefree-out-"));
const isRoot = process.getuid?.() === 0;

/** A researcher's folder that must survive any --out pointed at it. */
function usersFolder(name: string): string {
  const folder = join(work, name);
  mkdirSync(join(folder, "chapter-3"), { recursive: true });
  writeFileSync(join(folder, "thesis.tex"), "\\chapter{Results}");
  writeFileSync(join(folder, "chapter-3", "cell-7.mpt"), "EC-Lab ASCII FILE\n");
  return folder;
}

function listing(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).sort();
}

async function expectRefused(args: string[], message: RegExp) {
  const run = await cli(...args);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(computed.runs + computed.reproductions).toBe(0);
}

beforeEach(() => {
  computed.runs = 0;
  computed.reproductions = 0;
  computed.failNumerically = false;
});

describe("--out never destroys what anodefree did not write", () => {
  it("refuses a folder with the user's files, before computing, and leaves it as it was", async () => {
    const victim = usersFolder("victim");
    const before = listing(victim);
    await expectRefused(
      ["run", example, "--out", victim],
      /--out: ".*victim" already exists and was not written by anodefree/,
    );
    await expectRefused(["run", example, "--out", victim, "--overwrite"], /was not written by anodefree/);
    await expectRefused(
      ["reproduce", "alloy-film/capacity", "--out", victim],
      /was not written by anodefree/,
    );
    expect(listing(victim)).toEqual(before);
    expect(readFileSync(join(victim, "thesis.tex"), "utf8")).toBe("\\chapter{Results}");
  });

  it("refuses the working folder (--out .) and any folder that contains it", async () => {
    const project = usersFolder("project");
    writeFileSync(join(project, "scenario.yaml"), readFileSync(example));
    const before = listing(project);
    const here = process.cwd();
    process.chdir(join(project, "chapter-3"));
    try {
      await expectRefused(
        ["run", "../scenario.yaml", "--out", "."],
        /--out: "\." is the working folder or contains it/,
      );
      await expectRefused(["run", "../scenario.yaml", "--out", ".."], /is the working folder or contains it/);
    } finally {
      process.chdir(here);
    }
    expect(listing(project)).toEqual(before);
  });

  it("never replaces a file, a symbolic link or a special file", async () => {
    const file = join(work, "afile.txt");
    writeFileSync(file, "my notes");
    await expectRefused(["run", example, "--out", file, "--overwrite"], /afile\.txt" exists and is a file/);
    expect(readFileSync(file, "utf8")).toBe("my notes");

    const link = join(work, "link-to-victim");
    symlinkSync(usersFolder("linked"), link);
    await expectRefused(["run", example, "--out", link], /exists and is a symbolic link/);

    if (lstatSync("/dev/null").isCharacterDevice()) {
      await expectRefused(
        ["run", example, "--out", "/dev/null", "--overwrite"],
        /"\/dev\/null" exists and is a special file/,
      );
      expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
    }
  });

  it("refuses an impossible path (a file in the middle) before computing", async () => {
    writeFileSync(join(work, "plain.txt"), "x");
    await expectRefused(
      ["run", example, "--out", join(work, "plain.txt", "out")],
      /--out: cannot create .*plain\.txt is not a directory|a part of the path is a file/,
    );
  });

  it.skipIf(isRoot)(
    "refuses a folder it cannot write into, before computing (skipped as root, who may write anywhere)",
    async () => {
      const locked = join(work, "locked");
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      try {
        await expectRefused(
          ["run", example, "--out", join(locked, "out")],
          /cannot write into .*locked \(permission denied\)/,
        );
      } finally {
        chmodSync(locked, 0o700);
      }
    },
  );

  it("writes into a new or empty folder, and replaces its own earlier output only with --overwrite", async () => {
    const empty = join(work, "empty");
    mkdirSync(empty);
    const first = await cli("run", example, "--out", empty);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(empty, ".anodefree-output.json"), "utf8"))).toMatchObject({
      tool: "anodefree",
      kind: "run",
    });
    writeFileSync(join(empty, "stale.txt"), "left over from an earlier run");
    computed.runs = 0;
    await expectRefused(
      ["run", example, "--out", empty],
      /holds an earlier anodefree run output; add --overwrite/,
    );
    const again = await cli("run", example, "--out", empty, "--overwrite");
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(empty, "stale.txt"))).toBe(false);
    expect(existsSync(join(empty, "result.json"))).toBe(true);
    expect(readdirSync(work).filter((f) => f.includes(".tmp-") || f.includes(".old-"))).toEqual([]);
  });

  it("creates missing parent folders of a new --out", async () => {
    const nested = join(work, "a", "b", "c");
    const run = await cli("run", example, "--out", nested);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(nested, "index.html"))).toBe(true);
  });
});

describe("exit codes", () => {
  it("exits 3 on a numerical failure and reports the residual reached", async () => {
    computed.failNumerically = true;
    const run = await cli("run", "examples/alloy-film-fig4a.yaml");
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("residual reached: 3.200e-4");
  });
});
