declare module "virtual:study-catalog" {
  const catalog: import("./protocol.js").StudyInfo[];
  export default catalog;
}

declare module "mathjs/lib/browser/math.js" {
  const math: typeof import("mathjs");
  export default math;
}
