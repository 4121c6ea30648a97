import { CyclingAnalyser, reservoirCoulombicEfficiency } from "./src/cell/cycling/analyse.ts";
import {
  ccdRampProtocol,
  fixedCapacityProtocol,
  mAhPerCm2,
  reservoirProtocol,
  synthesizeHalfCell,
} from "./src/cell/cycling/synthetic.ts";

const model = {
  area_m2: 1e-4,
  resistance_ohm_m2: 2e-4,
  exchangeCurrentDensity_A_m2: 20,
  temperature_K: 298.15,
  nucleationOverpotential_V: 0.05,
  nucleationTime_s: 5,
  coulombicEfficiency: 0.99,
  shortAt_s: null,
  shortFactor: 0.05,
  initialLithium_C_m2: 0,
  failureCurrent_A_m2: null,
  sampleInterval_s: 1,
};
const opts = {
  area_m2: 1e-4,
  platingSign: -1 as const,
  zeroCurrent_A: 1e-9,
  cellType: "half" as const,
  shortRatio: 0.25,
  dropThreshold_V: 0.002,
  traceLimit: 4000,
};
let a = new CyclingAnalyser(opts);
for (const r of synthesizeHalfCell(model, fixedCapacityProtocol(10, mAhPerCm2(1), 5, 0.2)))
  a.push(r.time_s, r.current_A, r.voltage_V);
let res = a.finish();
console.log(
  res.cycles
    .map((c) =>
      [
        c.cycle,
        c.platedCapacity_C_m2,
        c.strippedCapacity_C_m2,
        c.coulombicEfficiency.toFixed(8),
        c.platingOverpotential_V.toFixed(6),
        c.strippingOverpotential_V.toFixed(6),
        c.nucleationOverpotential_V.toFixed(6),
        c.shortCircuit,
      ].join(" "),
    )
    .join("\n"),
);
a = new CyclingAnalyser(opts);
for (const r of synthesizeHalfCell(
  model,
  reservoirProtocol(10, mAhPerCm2(1), mAhPerCm2(5), mAhPerCm2(1), 10, 0.2),
))
  a.push(r.time_s, r.current_A, r.voltage_V);
res = a.finish();
console.log("reservoir CE", reservoirCoulombicEfficiency(res.steps));
a = new CyclingAnalyser(opts);
for (const r of synthesizeHalfCell(
  { ...model, shortAt_s: 3.5 * 7200 },
  fixedCapacityProtocol(10, mAhPerCm2(1), 6, 0.2),
))
  a.push(r.time_s, r.current_A, r.voltage_V);
res = a.finish();
console.log("short", res.cycles.map((c) => (c.shortCircuit ? 1 : 0)).join(""));
a = new CyclingAnalyser(opts);
for (const r of synthesizeHalfCell(
  { ...model, initialLithium_C_m2: Infinity, failureCurrent_A_m2: 23 },
  ccdRampProtocol(5, 5, 2, mAhPerCm2(0.2), 8),
))
  a.push(r.time_s, r.current_A, r.voltage_V);
res = a.finish();
console.log(
  "ccd",
  res.steps
    .filter((s) => s.kind === "plate")
    .map((s) => [(s.meanCurrent_A / 1e-4).toFixed(3), s.dropTime_s !== null].join(":"))
    .join(" "),
);
