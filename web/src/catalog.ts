import { describeStudy, studies } from "../../src/index.js";
import type { StudyInfo } from "./protocol.js";

/**
 * Every study with its description, parameter schema (describeStudy, as `anodefree describe --json`)
 * and reproductions. Computed once at build time (vite.config.ts), so that the page shows its form
 * before the physics worker has loaded.
 */
export function studyCatalog(): StudyInfo[] {
  return studies.map((s) => ({
    id: s.id,
    description: s.description,
    schema: describeStudy(s.id),
    reproductions: s.reproductions.map((r) => ({ id: r.id, title: r.title })),
  }));
}
