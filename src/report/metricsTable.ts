import { type MetricRow, withUnit } from "./format.js";
import { escapeHtml } from "./page.js";

/**
 * Items that all hold the same plain fields (regions, segments, ground states): one line per item,
 * one column per field, so values line up. Undefined when the items are not alike.
 */
function recordGrid(items: MetricRow[]): string | undefined {
  const fields = items[0]?.children;
  if (!fields) return undefined;
  const alike = (row: MetricRow) =>
    row.children?.length === fields.length &&
    row.children.every((f, k) => !f.children && f.label === fields[k].label && f.unit === fields[k].unit);
  if (!items.every(alike)) return undefined;
  const header = fields.map((f) => `<th>${escapeHtml(withUnit(f.label, f.unit))}</th>`).join("");
  const lines = items.map(
    (item) =>
      `<tr><th class="group">${escapeHtml(item.label)}</th>${(item.children ?? [])
        .map((f) => `<td class="num">${escapeHtml(f.value)}</td>`)
        .join("")}</tr>`,
  );
  return `<table><tr><th></th>${header}</tr>${lines.join("")}</table>`;
}

function rowHtml(row: MetricRow): string {
  if (row.children) {
    const inner =
      recordGrid(row.children) ?? `<table class="nested">${row.children.map(rowHtml).join("")}</table>`;
    return `<tr><th class="group">${escapeHtml(withUnit(row.label, row.unit))}</th><td class="group" colspan="2">${inner}</td></tr>`;
  }
  const value = `<td class="num">${escapeHtml(row.value)}</td>`;
  return `<tr><td>${escapeHtml(row.label)}</td>${value}<td>${escapeHtml(row.unit)}</td></tr>`;
}

/** Metric rows (see `metricRows`) as a table of quantity, value and unit; groups nest a table. */
export function metricsTable(rows: MetricRow[], heading = "quantity"): string {
  const header = `<tr><th>${escapeHtml(heading)}</th><th>value</th><th>unit</th></tr>`;
  return `<table class="metrics">${header}\n${rows.map(rowHtml).join("\n")}\n</table>`;
}
