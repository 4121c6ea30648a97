import type { MetricRow } from "./format.js";
import { escapeHtml } from "./page.js";

function rowHtml(row: MetricRow): string {
  const label = escapeHtml(row.label);
  if (row.children) {
    return `<tr><th class="group">${label}</th><td class="group" colspan="2">${tableBody(row.children)}</td></tr>`;
  }
  return `<tr><td>${label}</td><td class="num">${escapeHtml(row.value)}</td><td>${escapeHtml(row.unit)}</td></tr>`;
}

function tableBody(rows: MetricRow[]): string {
  return `<table>${rows.map(rowHtml).join("")}</table>`;
}

/** Metric rows (see `metricRows`) as a table of quantity, value and unit; groups nest a table. */
export function metricsTable(rows: MetricRow[], heading = "quantity"): string {
  const header = `<tr><th>${escapeHtml(heading)}</th><th>value</th><th>unit</th></tr>`;
  return `<table class="metrics">${header}\n${rows.map(rowHtml).join("\n")}\n</table>`;
}
