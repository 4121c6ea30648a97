import jstat from "jstat";

/** Quantile p of Student's t distribution with `dof` degrees of freedom. */
export function studentTQuantile(p: number, dof: number): number {
  return jstat.jStat.studentt.inv(p, dof);
}

/** Quantile p of a sample, linear between order statistics (Hyndman & Fan type 7, R's default). */
export function sampleQuantile(values: ArrayLike<number>, p: number): number {
  return jstat.jStat.percentile(Array.from(values), p, false);
}
