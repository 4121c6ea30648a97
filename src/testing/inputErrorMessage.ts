import { expect } from "vitest";
import { InputError } from "../errors.js";

/** The message of the input error `action` throws; the test fails if it throws anything else or nothing. */
export function inputErrorMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error("expected an input error");
}
