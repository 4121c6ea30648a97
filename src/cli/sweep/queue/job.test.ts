import { UnrecoverableError } from "bullmq";
import { describe, expect, it } from "vitest";
import { NumericalError } from "../../../errors.js";
import { failureOf } from "../failure.js";
import { decodeFailure, failureError } from "./job.js";

describe("a failed sweep job", () => {
  it("is retried after a numerical failure and reported with its residual and attempts", () => {
    const failure = failureOf(new NumericalError("creep unit cell: Newton did not converge", 3.5e-4));
    const thrown = failureError(failure);
    expect(thrown).not.toBeInstanceOf(UnrecoverableError);
    const reported = decodeFailure(thrown.message, 3);
    expect(reported.kind).toBe("numerical");
    expect(reported.residual).toBe(3.5e-4);
    expect(reported.message).toMatch(
      /^creep unit cell: Newton did not converge.*3\.500e-4.* \(after 3 attempts\)$/,
    );
  });

  it("is final at once for bad input, and reported without an attempt count", () => {
    const thrown = failureError({ kind: "input", message: "params.layer.thickness: expected a length" });
    expect(thrown).toBeInstanceOf(UnrecoverableError);
    expect(decodeFailure(thrown.message, 1)).toEqual({
      kind: "input",
      message: "params.layer.thickness: expected a length",
    });
  });

  it("keeps BullMQ's own plain-text reasons as internal failures", () => {
    expect(decodeFailure("job stalled more than allowable limit", 2)).toEqual({
      kind: "internal",
      message: "job stalled more than allowable limit (after 2 attempts)",
    });
  });
});
