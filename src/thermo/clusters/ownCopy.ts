/**
 * A private copy of a self-contained function (one that names nothing outside its own parameters
 * and body), compiled from its source text. V8 compiles closures of one function definition into
 * shared code, specialised to the values they close over only while a single closure of that
 * definition exists; a sampler's kernel made from its own copy keeps that specialisation (typed
 * arrays as constants: no loads of their base and length in the hot loops) however many samplers
 * the process holds — 1.6x on the field kernel, measured side by side (docs/cluster-expansion.md).
 * Where code cannot be compiled at run time (a Content-Security-Policy without 'unsafe-eval') the
 * function itself is returned: the same results, without the specialisation.
 */
export function ownCopy<F extends (...args: never[]) => unknown>(f: F): F {
  try {
    // esbuild with keepNames (tsx, the bundle) wraps named closures in its helper __name.
    return new Function("__name", `return (${f.toString()});`)(keepName) as F;
  } catch {
    return f;
  }
}

function keepName<T>(f: T): T {
  return f;
}
