declare module "virtual:study-catalog" {
  const catalog: import("./protocol.js").StudyInfo[];
  export default catalog;
}
