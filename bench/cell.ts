/**
 * M8 benchmark of the cycler readers: stream 1,000 half-cell cycles of 1 Hz data (~7 million rows,
 * an Arbin CSV export of ~1.1 GB) through layout detection, the file's cycle columns, the cycling
 * analysis and its plausibility checks, target under 30 s with bounded memory (peak resident set
 * reported, beside bare line reading of the same file as the floor). The impedance fit and the DRT
 * are timed by bench/eis.ts (`npm run bench -- eis`).
 */
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { layoutOfHeaderLine } from "../src/cell/data/tabular.js";
import { fixedCapacityProtocol, mAhPerCm2, synthesizeHalfCell } from "../src/cell/index.js";
import { linesRelativeTo, readLinesSync } from "../src/cli/lines.js";
import { runScenario } from "../src/studies/index.js";

/** The header of a real Arbin CSV export (TRI-AMDD/beep's fixture in ../shared/data/cell/arbin). */
const ARBIN_FIXTURE = new URL("../../shared/data/cell/arbin/FastCharge_000025_CH8.csv", import.meta.url);
const ARBIN_HEADER_FALLBACK =
  "Data_Point,Test_Time,DateTime,Step_Time,Step_Index,Cycle_Index,Current,Voltage,Charge_Capacity,Discharge_Capacity,Charge_Energy,Discharge_Energy,dV/dt,Internal_Resistance,Temperature";

function arbinHeader(): string {
  try {
    return readFileSync(ARBIN_FIXTURE, "utf8").slice(0, 4096).split(/\r?\n/)[0];
  } catch {
    return ARBIN_HEADER_FALLBACK;
  }
}

/**
 * The synthetic half cell written as Arbin writes a test: the schedule's step (1 plate, 2 strip) in
 * Step_Index, the cycle (one plate-strip pair of the protocol) in Cycle_Index, capacities and
 * energies (Ah, Wh) accumulated within each cycle as Arbin resets them, and the other columns.
 */
function writeArbinFile(path: string): number {
  const model = {
    area_m2: 1e-4,
    resistance_ohm_m2: 2e-4,
    exchangeCurrentDensity_A_m2: 20,
    temperature_K: 298.15,
    nucleationOverpotential_V: 0.03,
    nucleationTime_s: 5,
    coulombicEfficiency: 0.999,
    shortAt_s: null,
    shortFactor: 0.05,
    initialLithium_C_m2: 0,
    failureCurrent_A_m2: null,
    sampleInterval_s: 1,
  };
  const header = arbinHeader();
  const columns = header.split(",");
  const at = (name: string) => {
    const k = columns.indexOf(name);
    if (k < 0) throw new Error(`the Arbin fixture header has no ${name}: ${header}`);
    return k;
  };
  const index = {
    point: at("Data_Point"),
    time: at("Test_Time"),
    date: at("DateTime"),
    stepTime: at("Step_Time"),
    step: at("Step_Index"),
    cycle: at("Cycle_Index"),
    current: at("Current"),
    voltage: at("Voltage"),
    charge: at("Charge_Capacity"),
    discharge: at("Discharge_Capacity"),
    chargeEnergy: at("Charge_Energy"),
    dischargeEnergy: at("Discharge_Energy"),
    dVdt: at("dV/dt"),
  };
  const cells: string[] = columns.map(() => "0");
  const startEpoch_s = 1494645233.469;
  const fd = openSync(path, "w");
  let rows = 0;
  let chunk = `${header}\n`;
  let step = 0;
  let cycle = 0;
  let stepStart = 0;
  let previous = { time_s: 0, current_A: 0, voltage_V: 0 };
  const totals = { charge: 0, discharge: 0, chargeEnergy: 0, dischargeEnergy: 0 };
  for (const row of synthesizeHalfCell(model, fixedCapacityProtocol(10, mAhPerCm2(1), 1000, 0.2))) {
    // The protocol alternates plate (negative current) and strip: a sign change starts a step.
    if (rows === 0 || Math.sign(row.current_A) !== Math.sign(previous.current_A)) {
      step = row.current_A < 0 ? 1 : 2;
      if (step === 1) {
        cycle++;
        totals.charge = totals.discharge = totals.chargeEnergy = totals.dischargeEnergy = 0;
      }
      stepStart = row.time_s;
    } else {
      const dt_h = (row.time_s - previous.time_s) / 3600;
      const charge = row.current_A * dt_h;
      const energy = row.current_A * row.voltage_V * dt_h;
      if (row.current_A > 0) {
        totals.charge += charge;
        totals.chargeEnergy += energy;
      } else {
        totals.discharge -= charge;
        totals.dischargeEnergy -= energy;
      }
    }
    const dt = row.time_s - previous.time_s;
    cells[index.point] = String(rows);
    cells[index.time] = String(row.time_s);
    cells[index.date] = (startEpoch_s + row.time_s).toFixed(4);
    cells[index.stepTime] = String(row.time_s - stepStart);
    cells[index.step] = String(step);
    cells[index.cycle] = String(cycle);
    cells[index.current] = String(row.current_A);
    cells[index.voltage] = row.voltage_V.toPrecision(8);
    cells[index.charge] = totals.charge.toPrecision(10);
    cells[index.discharge] = totals.discharge.toPrecision(10);
    cells[index.chargeEnergy] = totals.chargeEnergy.toPrecision(10);
    cells[index.dischargeEnergy] = totals.dischargeEnergy.toPrecision(10);
    cells[index.dVdt] = dt > 0 ? ((row.voltage_V - previous.voltage_V) / dt).toPrecision(6) : "0";
    chunk += `${cells.join(",")}\n`;
    previous = row;
    rows++;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return rows;
}

/**
 * The largest resident set and heap seen, sampled as the lines stream (the run holds the thread, so
 * no timer could), and the processor time used (user + system), which a loaded machine does not inflate.
 */
function peakTracker() {
  const cpuStart = process.cpuUsage();
  let peak = process.memoryUsage.rss();
  let heap = process.memoryUsage().heapUsed;
  return {
    sample: () => {
      peak = Math.max(peak, process.memoryUsage.rss());
      heap = Math.max(heap, process.memoryUsage().heapUsed);
    },
    get peak() {
      return peak;
    },
    get heap() {
      return heap;
    },
    cpuSeconds: () => {
      const used = process.cpuUsage(cpuStart);
      return (used.user + used.system) / 1e6;
    },
  };
}

function sampledEvery<T>(lines: Iterable<T>, every: number, sample: () => void): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      let count = 0;
      for (const line of lines) {
        if (++count % every === 0) sample();
        yield line;
      }
    },
  };
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

export function benchCell(): void {
  const file = join(tmpdir(), "anodefree-bench-1000-cycles-arbin.csv");
  if (!existsSync(file)) {
    const start = performance.now();
    const rows = writeArbinFile(file);
    console.log(
      `  wrote ${rows} rows of an Arbin CSV export (${MB(statSync(file).size)}) in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  }
  const size = statSync(file).size;

  const memory = peakTracker();
  const rssBefore = memory.peak;
  const fromDisk = linesRelativeTo(join(tmpdir(), "x.yaml"));
  let start = performance.now();
  const result = runScenario(
    { study: "cycling", params: { data: { file } } },
    {
      readLines: (name, field) => sampledEvery(fromDisk(name, field), 1 << 16, memory.sample),
      onProgress: memory.sample,
    },
  );
  memory.sample();
  const seconds = (performance.now() - start) / 1000;
  const cpu = memory.cpuSeconds();

  // The floor: bare line reading of the same file, no parsing.
  start = performance.now();
  const bare = peakTracker();
  let lines = 0;
  let header = "";
  for (const line of sampledEvery(readLinesSync(file), 1 << 16, bare.sample)) {
    if (lines++ === 0) header = line;
  }
  const bareSeconds = (performance.now() - start) / 1000;
  const bareCpu = bare.cpuSeconds();

  const rows = Number(result.diagnostics.rows);
  console.log("cycling, 1,000 cycles of 1 Hz data streamed from an Arbin CSV export:");
  console.log(
    `  ${rows} rows (${MB(size)}), layout ${layoutOfHeaderLine(header)?.id ?? "none"}, ${result.metrics.cycleCount} cycles from the ${result.metrics.cycleSource}, ${result.warnings?.length ?? 0} warnings`,
  );
  for (const warning of result.warnings ?? []) console.log(`  warning: ${warning.slice(0, 160)}`);
  console.log(
    `  ${seconds.toFixed(1)} s, ${(rows / seconds / 1e6).toFixed(2)} M rows/s (processor time ${cpu.toFixed(1)} s, ${(rows / cpu / 1e6).toFixed(2)} M rows/s); target < 30 s -> ${seconds < 30 ? "met" : "NOT met"}`,
  );
  console.log(
    `  reference, bare line reading of the same file: ${lines} lines in ${bareSeconds.toFixed(1)} s, processor time ${bareCpu.toFixed(1)} s (${(lines / bareCpu / 1e6).toFixed(2)} M lines/s)`,
  );
  console.log(
    `  peak resident set ${MB(memory.peak)} (${MB(rssBefore)} before the run), peak heap ${MB(memory.heap)}; bare reading peaked at ${MB(bare.peak)}, heap ${MB(bare.heap)}; the file is never held whole`,
  );
  if (process.env.KEEP_BENCH_FILE !== "1") rmSync(file);
}
