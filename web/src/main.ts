import catalog from "virtual:study-catalog";
import { stringify } from "yaml";
import { PhysicsWorker, RequestFailed } from "./client.js";
import { byId, h } from "./dom.js";
import { download } from "./download.js";
import { mountEditor, type ScenarioEditor } from "./editor.js";
import { exampleDataFiles, examples } from "./examples.js";
import { figureElement } from "./figures.js";
import { galleryElement, reproductionElement } from "./gallery.js";
import type { Failure, Problem, ReproductionView, ResultView, StudyInfo } from "./protocol.js";
import { resultElement } from "./results.js";
import { scenarioFromHash, scenarioHash } from "./share.js";
import { SweepRun } from "./sweep.js";

/**
 * Model runs, reproductions, sweep planning, and validation while it is idle: a visit that edits and
 * runs one thing at a time loads one worker. Started by the first request; Cancel terminates it and
 * the next request starts a fresh one.
 */
const runner = new PhysicsWorker();
/** Validation while the runner computes (typing during a long run), so that it never waits behind it. */
const service = new PhysicsWorker();
const validator = () => (runner.busy ? service : runner);

const studySelect = byId<HTMLSelectElement>("study");
const exampleSelect = byId<HTMLSelectElement>("example");
const runButton = byId<HTMLButtonElement>("run");
const cancelButton = byId<HTMLButtonElement>("cancel");
const progress = byId<HTMLProgressElement>("progress");
const status = byId("status");
const results = byId("results");

const studies: StudyInfo[] = catalog;
let scenario: Record<string, unknown> = {};
let files: File[] = [];
let editor: ScenarioEditor | undefined;
let editorStudy = "";
let problems: Problem[] = [];
let cancelCurrent: (() => void) | undefined;
/** Counts runs, so that a test (or a user) can tell this run's outcome from the previous one's. */
let runs = 0;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function setStatus(state: string, text: string): void {
  status.dataset.state = state;
  status.textContent = text;
}

function problemsOf(failure: Failure): Problem[] {
  if (failure.kind === "input") return failure.problems;
  if (failure.kind === "numerical")
    return [{ path: "", message: `the solver did not converge: ${failure.message}` }];
  return [{ path: "", message: `the model failed: ${failure.message}` }];
}

/** The editor shows each problem at its field, as the CLI words it. */
function showProblems(list: Problem[]): void {
  problems = list;
  editor?.setErrors(list);
}

// ---- the scenario: editor, validation as you type, URL ----

let validation = 0;
let validationTimer: ReturnType<typeof setTimeout> | undefined;

/** Validates the scenario as the CLI would (a sweep through planSweep) and shows what it refuses. */
async function validate(): Promise<Problem[]> {
  const ticket = ++validation;
  const current = scenario;
  let found: Problem[] = [];
  try {
    const worker = validator();
    if (current.sweep !== undefined) await worker.request({ type: "planSweep", scenario: current, files });
    else {
      const answer = await worker.request<{ problems: Failure | null }>({
        type: "validate",
        scenario: current,
        files,
      });
      if (answer.problems) found = problemsOf(answer.problems);
    }
  } catch (error) {
    if (!(error instanceof RequestFailed)) throw error;
    // Cancel can end a run's worker while a validation sent just before waits in it: no verdict.
    if (error.failure.kind === "cancelled") return problems;
    found = problemsOf(error.failure);
  }
  if (ticket === validation) showProblems(found);
  return found;
}

async function updateUrl(): Promise<void> {
  history.replaceState(null, "", await scenarioHash(scenario));
}

function onScenarioChange(next: unknown): void {
  scenario = isRecord(next) ? next : {};
  if (typeof scenario.study === "string" && scenario.study !== studySelect.value) {
    studySelect.value = scenario.study;
    showDescription(scenario.study);
  }
  clearTimeout(validationTimer);
  validationTimer = setTimeout(() => {
    void validate();
    void updateUrl();
  }, 200);
  if (typeof scenario.study === "string" && scenario.study !== editorStudy) showEditor();
}

function showDescription(id: string): void {
  byId("study-description").textContent = studies.find((s) => s.id === id)?.description ?? "";
}

/** (Re)mounts the editor for the scenario's study: the form is generated from that study's schema. */
function showEditor(): void {
  const study = studies.find((s) => s.id === scenario.study) ?? studies[0];
  editor?.destroy();
  editorStudy = study.id;
  editor = mountEditor(byId("editor"), { schema: study.schema, scenario, onChange: onScenarioChange });
  editor.setErrors(problems);
}

async function loadScenario(next: Record<string, unknown>): Promise<void> {
  scenario = next;
  problems = [];
  const study = typeof next.study === "string" ? next.study : studies[0].id;
  studySelect.value = study;
  showDescription(study);
  showEditor();
  // The form is usable at once; the worker's verdict follows as soon as it has loaded.
  void validate();
  await updateUrl();
}

// ---- files ----

function showFiles(): void {
  byId("file-list").replaceChildren(
    ...files.map((f) => h("li", { "data-file": f.name }, `${f.name} (${f.size} bytes)`)),
  );
}

function addFiles(added: Iterable<File>): void {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const file of added) byName.set(file.name, file);
  files = [...byName.values()];
  showFiles();
}

// ---- running ----

function startRun(): { onProgress: (fraction: number) => void; finish: () => void } {
  results.replaceChildren();
  runButton.disabled = true;
  cancelButton.disabled = false;
  progress.value = 0;
  status.dataset.run = String(++runs);
  setStatus("running", "running…");
  return {
    onProgress: (fraction) => {
      progress.value = fraction;
      setStatus("running", `running… ${Math.round(100 * fraction)} %`);
    },
    finish: () => {
      runButton.disabled = false;
      cancelButton.disabled = true;
      cancelCurrent = undefined;
    },
  };
}

function failed(error: unknown): void {
  if (error instanceof RequestFailed) {
    if (error.failure.kind === "cancelled") {
      setStatus("cancelled", "cancelled");
      return;
    }
    if (error.failure.kind === "input") showProblems(error.failure.problems);
    setStatus(
      "failed",
      problemsOf(error.failure)
        .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
        .join("; "),
    );
    return;
  }
  setStatus("failed", `the page failed: ${(error as Error).message}`);
}

async function run(): Promise<void> {
  const found = await validate();
  if (found.length > 0) {
    status.dataset.run = String(++runs);
    setStatus("refused", "not run: fix the fields marked above");
    return;
  }
  const { onProgress, finish } = startRun();
  try {
    if (scenario.sweep !== undefined) {
      const sweep = new SweepRun(runner);
      cancelCurrent = () => sweep.cancel();
      const outcome = await sweep.run(scenario, files, onProgress);
      const { columns, rows, csv, figures } = outcome.summary;
      results.replaceChildren(
        h(
          "section",
          { className: "sweep" },
          h("h3", {}, `${outcome.plan.name}: ${rows.length} points`),
          h(
            "table",
            { className: "sweep-table" },
            h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", {}, c)))),
            h("tbody", {}, ...rows.map((row) => h("tr", {}, ...row.map((c) => h("td", {}, c))))),
          ),
          h("button", { type: "button", onclick: () => download("sweep.csv", csv, "text/csv") }, "sweep.csv"),
          h("div", { className: "figures" }, ...figures.map((f) => figureElement(f, "sweep-"))),
        ),
      );
    } else {
      cancelCurrent = () => runner.cancel();
      const view = await runner.request<ResultView>({ type: "run", scenario, files }, onProgress);
      results.replaceChildren(resultElement(view));
    }
    progress.value = 1;
    setStatus("done", "done");
  } catch (error) {
    failed(error);
  } finally {
    finish();
  }
}

async function reproduce(id: string, target: HTMLElement): Promise<void> {
  const { finish } = startRun();
  cancelCurrent = () => runner.cancel();
  target.replaceChildren(h("p", {}, "running with fast settings…"));
  try {
    const view = await runner.request<ReproductionView>({ type: "reproduce", reproduction: id });
    target.replaceChildren(reproductionElement(view));
    setStatus("done", `${id} done`);
  } catch (error) {
    target.replaceChildren(h("p", { className: "error" }, (error as Error).message));
    failed(error);
  } finally {
    finish();
  }
}

// ---- start-up ----

function showTab(gallery: boolean): void {
  byId("view-run").hidden = gallery;
  byId("view-gallery").hidden = !gallery;
  byId("tab-run").setAttribute("aria-pressed", String(!gallery));
  byId("tab-gallery").setAttribute("aria-pressed", String(gallery));
}

/** The scenario of the URL, or undefined; a link that does not decode is said so, not a crash. */
async function scenarioOfUrl(): Promise<Record<string, unknown> | undefined> {
  const message = byId("url-error");
  message.hidden = true;
  try {
    const decoded = await scenarioFromHash(location.hash);
    if (decoded === undefined) return undefined;
    if (!isRecord(decoded)) throw new Error("the link's scenario is not a scenario object");
    return decoded;
  } catch (error) {
    message.textContent = `${(error as Error).message}. The form starts empty.`;
    message.hidden = false;
    return {};
  }
}

async function start(): Promise<void> {
  byId("tab-run").onclick = () => showTab(false);
  byId("tab-gallery").onclick = () => showTab(true);
  for (const example of examples) exampleSelect.append(h("option", { value: example.file }, example.file));
  const fromUrl = scenarioOfUrl();
  studySelect.replaceChildren(...studies.map((s) => h("option", { value: s.id }, s.id)));
  studySelect.disabled = false;
  studySelect.onchange = () => void loadScenario({ study: studySelect.value, params: {} });
  exampleSelect.onchange = async () => {
    const example = examples.find((e) => e.file === exampleSelect.value);
    if (!example) return;
    addFiles(await exampleDataFiles(example));
    await loadScenario(structuredClone(example.scenario));
  };
  const input = byId<HTMLInputElement>("files");
  input.onchange = () => addFiles(input.files ?? []);
  const drop = byId("drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    addFiles(event.dataTransfer?.files ?? []);
  });
  runButton.onclick = () => void run();
  cancelButton.onclick = () => cancelCurrent?.();
  byId("share").onclick = async () => {
    await updateUrl();
    await navigator.clipboard?.writeText(location.href).catch(() => undefined);
    setStatus(status.dataset.state ?? "idle", "link copied (the address bar holds it too)");
  };
  byId("download-yaml").onclick = () =>
    download(
      `${String(scenario.name ?? scenario.study ?? "scenario").replace(/[^\w.-]+/g, "-")}.yaml`,
      stringify(scenario),
      "application/yaml",
    );
  byId("view-gallery").replaceChildren(galleryElement(studies, (id, target) => void reproduce(id, target)));
  window.addEventListener("hashchange", async () => {
    const next = await scenarioOfUrl();
    if (next) await loadScenario(next.study ? next : { study: studies[0].id, params: {} });
  });

  const initial = (await fromUrl) ?? structuredClone(examples[0]?.scenario ?? {});
  await loadScenario(initial.study ? initial : { study: studies[0].id, params: {} });
  runButton.disabled = false;
  document.body.dataset.ready = "true";
  // Navigation to an interactive form, for `npm run bench`.
  performance.mark("anodefree:interactive");
}

start().catch((error: unknown) => {
  document.body.prepend(
    h("p", { className: "error" }, `The page could not start: ${(error as Error).message}`),
  );
});
