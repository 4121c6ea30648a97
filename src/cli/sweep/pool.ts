import { type ChildProcess, fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { StudyResult } from "../../studies/index.js";
import type { PointFailure } from "./failure.js";

export interface ComputeTask {
  id: number;
  scenario: unknown;
  /** Data files are named relative to this path (the scenario file, or a worker's cache). */
  anchor: string;
}

export type ComputeReply = { id: number } & ({ result: StudyResult } | { failure: PointFailure });
export type ComputeOutcome = { result: StudyResult } | { failure: PointFailure };

/** The compute process entry beside this module: TypeScript under tsx (tests), JavaScript once built. */
function computeEntry(): { module: string; execArgv: string[] } {
  const source = import.meta.url.endsWith(".ts");
  const module = fileURLToPath(
    new URL(source ? "./computeProcess.ts" : "./computeProcess.js", import.meta.url),
  );
  // tsx by its resolved location: a worker may run in any folder, where a bare "tsx" would not resolve.
  const tsx = () => pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return { module, execArgv: source ? ["--import", tsx()] : [] };
}

/** The marker in a compute process's command line (tests find the pool's processes by it). */
export const COMPUTE_PROCESS = "computeProcess";

interface Member {
  child: ChildProcess;
  /** It said so once its imports were done: a message sent earlier could find no listener. */
  ready: boolean;
  busy?: { task: ComputeTask; settle: (outcome: ComputeOutcome) => void };
  stderr: string;
}

/**
 * A work-stealing pool of long-lived compute processes: every point waits in one queue and the next
 * free process takes it, so a point ten times dearer than the others holds one process, not a
 * fixed share of the sweep. Processes start on demand (each pays ~1 s of imports once) up to
 * `size`; one that dies mid-point fails that point and is replaced for the rest.
 */
export function computePool(size: number) {
  const members = new Set<Member>();
  const waiting: NonNullable<Member["busy"]>[] = [];
  let nextId = 0;
  let closed = false;

  const start = (): Member => {
    const { module, execArgv } = computeEntry();
    const child = fork(module, [], { execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    const member: Member = { child, ready: false, stderr: "" };
    // The last lines only: what a crash said.
    child.stderr?.on("data", (chunk) => {
      member.stderr = (member.stderr + chunk).slice(-4000);
    });
    child.on("message", (reply: ComputeReply | { ready: true }) => {
      if (!("id" in reply)) {
        member.ready = true;
        dispatch();
        return;
      }
      if (!member.busy) return;
      const { settle } = member.busy;
      member.busy = undefined;
      settle("result" in reply ? { result: reply.result } : { failure: reply.failure });
      dispatch();
    });
    child.on("exit", (code, signal) => {
      members.delete(member);
      if (member.busy) {
        const { settle } = member.busy;
        member.busy = undefined;
        const why = signal ? `signal ${signal}` : `exit code ${code}`;
        settle({
          failure: {
            kind: "internal",
            message: `the compute process ended (${why}) while running this point${member.stderr ? `: ${member.stderr.trim()}` : ""}`,
          },
        });
      }
      if (!closed) dispatch();
    });
    members.add(member);
    return member;
  };

  const dispatch = () => {
    while (waiting.length > 0) {
      const member = [...members].find((m) => m.ready && !m.busy && m.child.connected);
      if (!member) {
        let starting = [...members].filter((m) => !m.ready).length;
        for (; members.size < size && starting < waiting.length; starting++) start();
        return;
      }
      member.busy = waiting.shift();
      member.child.send(member.busy?.task as ComputeTask);
    }
  };

  return {
    run(scenario: unknown, anchor: string): Promise<ComputeOutcome> {
      if (closed) throw new Error("the compute pool is closed");
      return new Promise((settle) => {
        waiting.push({ task: { id: nextId++, scenario, anchor }, settle });
        dispatch();
      });
    },
    /** Ends every process now (a signal, or the sweep is done); waits until they are gone. */
    async close(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
      closed = true;
      const exits = [...members].map(
        (m) =>
          new Promise<void>((resolve) =>
            m.child.exitCode !== null ? resolve() : m.child.once("exit", () => resolve()),
          ),
      );
      for (const m of members) m.child.kill(signal);
      await Promise.all(exits);
    },
    /** Kills without waiting: for a signal handler that exits right after. */
    kill(signal: NodeJS.Signals = "SIGTERM") {
      closed = true;
      for (const m of members) m.child.kill(signal);
    },
    get processes() {
      return members.size;
    },
  };
}

export type ComputePool = ReturnType<typeof computePool>;
