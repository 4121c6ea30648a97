// jstat ships no types: the two functions we use.
declare module "jstat" {
  export const jStat: {
    studentt: { inv(p: number, dof: number): number };
    percentile(values: ArrayLike<number>, k: number, exclusive?: boolean): number;
  };
}
