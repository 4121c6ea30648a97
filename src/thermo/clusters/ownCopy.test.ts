import { describe, expect, it } from "vitest";
import { ownCopy } from "./ownCopy.js";

describe("ownCopy", () => {
  it("compiles a separate function that computes the same", () => {
    const factory = (scale: number) => {
      const named = (x: number) => scale * x;
      return (x: number) => named(x) + 1;
    };
    const copy = ownCopy(factory);
    expect(copy).not.toBe(factory);
    expect(copy(3)(2)).toBe(factory(3)(2));
  });

  it("returns the function itself when its source does not compile alone", () => {
    // A method's source text ("twice(x) { .. }") is not an expression.
    const holder = {
      twice(x: number) {
        return 2 * x;
      },
    };
    expect(ownCopy(holder.twice)).toBe(holder.twice);
  });
});
