/** Reading and writing a scenario by field path (["params", "tips", 0, "height"]). */

export type Path = (string | number)[];

const isContainer = (value: unknown): value is Record<string | number, unknown> =>
  value !== null && typeof value === "object";

/** "params.tips.0.height": the dotted form the validator's messages use (array indices as numbers). */
export function pathKey(path: Path): string {
  return path.join(".");
}

export function getPath(root: unknown, path: Path): unknown {
  let current = root;
  for (const key of path) {
    if (!isContainer(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Sets a value, creating the objects (or arrays, for a numeric key) on the way. */
export function setPath(root: Record<string, unknown>, path: Path, value: unknown): void {
  let current: Record<string | number, unknown> = root;
  for (const [i, key] of path.slice(0, -1).entries()) {
    if (!isContainer(current[key])) current[key] = typeof path[i + 1] === "number" ? [] : {};
    current = current[key] as Record<string | number, unknown>;
  }
  current[path[path.length - 1]] = value;
}

/**
 * Removes a field, then the objects it leaves empty: an object the user never filled stays out of the
 * scenario (its defaults apply), just as before the field was set. Array rows are never pruned.
 */
export function unsetPath(root: Record<string, unknown>, path: Path): void {
  const parents: unknown[] = [root];
  for (const key of path.slice(0, -1)) {
    const next = getPath(parents[parents.length - 1], [key]);
    if (!isContainer(next)) return;
    parents.push(next);
  }
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = parents[depth];
    const key = path[depth];
    if (Array.isArray(parent)) {
      if (depth === path.length - 1) parent.splice(Number(key), 1);
      return;
    }
    const record = parent as Record<string | number, unknown>;
    if (depth < path.length - 1 && Object.keys(record[key] as object).length > 0) return;
    delete record[key];
    if (depth === 0) return;
  }
}
