import { describe, expect, it } from "vitest";
import { studyCatalog } from "./catalog.js";
import { studies } from "./registry.js";

describe("study catalog", () => {
  it("lists every registered study, in registry order, with the registry's description", () => {
    expect(studyCatalog).toEqual(studies.map(({ id, description }) => ({ id, description })));
  });
});
