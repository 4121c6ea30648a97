/**
 * The DOM of the scenario editor, one element per field of the model's tree. Leaf edits write the
 * scenario in place (the page keeps focus); edits that change the form's shape (rows, variants,
 * resets) go through `restructure`, which renders the form again.
 */
import {
  display,
  numberOrText,
  quantityFromInput,
  quantityToInput,
  textToString,
  valueToText,
} from "./codecs.js";
import { type FieldNode, type NodeOf, recordValue } from "./model.js";
import { type Path, pathKey } from "./paths.js";
import { unitsFor } from "./units.js";
import { chooseVariant, initialValue, variantValue } from "./values.js";

export interface RenderContext {
  value(path: Path): unknown;
  /** A leaf edit: `undefined` removes the field. */
  write(path: Path, value: unknown): void;
  /** A change of the form's shape: apply, then render again. */
  restructure(change: () => void): void;
  /** Where messages for this path go. */
  errorSlot(path: Path, slot: HTMLElement): void;
  /** Groups the user opened or closed, kept across renders. */
  openGroups: Map<string, boolean>;
  /** A datalist of units or keys, shared by every input that offers them. */
  datalist(name: string, options: string[]): string;
  id(): string;
  /** Set for the items of a tuple: the tuple has the reset, an item alone cannot go back to unset. */
  noReset?: boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

/** Shown while the field is set; the edits inside `scope` bubble up to it after they are written. */
function resetButton(ctx: RenderContext, node: FieldNode, path: Path, scope: HTMLElement): HTMLButtonElement {
  const button = el("button", {
    type: "button",
    className: "af-reset",
    textContent: "↺",
    title: node.hasDefault ? `reset to the default (${display(node.default)})` : "clear (leave unset)",
  });
  button.setAttribute("aria-label", `reset ${pathKey(path)}`);
  button.addEventListener("click", () => ctx.restructure(() => ctx.write(path, undefined)));
  const update = () => {
    button.hidden = ctx.value(path) === undefined;
  };
  update();
  scope.addEventListener("input", update);
  scope.addEventListener("change", update);
  return button;
}

function defaultHint(node: FieldNode): string {
  return node.hasDefault ? display(node.default) : "";
}

/** A labelled row: label, the inputs, reset, description and the field's messages. */
function row(
  ctx: RenderContext,
  node: FieldNode,
  path: Path,
  label: string,
  controls: HTMLElement[],
  id?: string,
) {
  const field = el("div", { className: `af-field af-${node.kind}` });
  field.dataset.path = pathKey(path);
  const control = el("div", { className: "af-control" }, ...controls);
  if (label === "") {
    // A list item or a variant's value: the row or group around it names it and describes it.
    field.classList.add("af-bare");
    controls[0]?.setAttribute("aria-label", pathKey(path));
    field.append(control);
  } else {
    const caption = el("label", { className: "af-label", textContent: label });
    if (id) caption.htmlFor = id;
    if (node.kind === "quantity")
      caption.append(" ", el("span", { className: "af-dimension", textContent: node.dimension }));
    if (node.kind !== "const" && !ctx.noReset) control.append(resetButton(ctx, node, path, control));
    field.append(caption, control);
    if (node.description)
      field.append(el("div", { className: "af-description", textContent: node.description }));
  }
  const errors = el("div", { className: "af-errors" });
  ctx.errorSlot(path, errors);
  field.append(errors);
  return field;
}

function textInput(
  ctx: RenderContext,
  path: Path,
  node: FieldNode,
  parse: (text: string) => unknown,
  numeric: boolean,
) {
  const input = el("input", { type: "text", id: ctx.id(), value: valueToText(ctx.value(path)) });
  input.placeholder = defaultHint(node);
  if (numeric) input.inputMode = "decimal";
  input.addEventListener("input", () => ctx.write(path, parse(input.value)));
  return input;
}

function quantityInputs(ctx: RenderContext, node: NodeOf<"quantity">, path: Path): HTMLElement[] {
  const current = ctx.value(path);
  const fallback = quantityToInput(node.default ?? node.example);
  const units = unitsFor(node.dimension, node.unit, node.example);
  const shown = current === undefined ? { ...fallback, value: "" } : quantityToInput(current);
  const number = el("input", { type: "text", id: ctx.id(), value: shown.value, className: "af-number" });
  number.inputMode = "decimal";
  number.placeholder = node.hasDefault ? fallback.value : "";
  // Prefilled with the default's unit, so that typing a number means what the placeholder shows;
  // emptied, the number is SI.
  const unit = el("input", {
    type: "text",
    value: current === undefined ? fallback.unit || units[0] : shown.unit,
  });
  unit.className = "af-unit";
  unit.placeholder = `${node.unit} (SI)`;
  unit.setAttribute("list", ctx.datalist(`units-${node.dimension}`, units));
  unit.setAttribute("aria-label", `unit of ${pathKey(path)}`);
  const update = () =>
    ctx.write(path, quantityFromInput({ value: number.value, unit: unit.value, separator: shown.separator }));
  number.addEventListener("input", update);
  unit.addEventListener("input", update);
  return [number, unit];
}

function enumSelect(ctx: RenderContext, node: NodeOf<"enum">, path: Path, required: boolean) {
  const current = ctx.value(path);
  const select = el("select", { id: ctx.id() });
  const blank = node.hasDefault ? `default: ${display(node.default)}` : required ? "choose…" : "unset";
  select.append(el("option", { value: "", textContent: blank }));
  const options =
    node.options.includes(current) || current === undefined ? node.options : [...node.options, current];
  options.forEach((option, i) => {
    const known = i < node.options.length;
    select.append(
      el("option", { value: String(i), textContent: display(option) + (known ? "" : " (not an option)") }),
    );
  });
  select.value = current === undefined ? "" : String(options.indexOf(current));
  select.addEventListener("change", () =>
    ctx.write(path, select.value === "" ? undefined : options[Number(select.value)]),
  );
  return select;
}

function checkbox(ctx: RenderContext, node: FieldNode, path: Path) {
  const current = ctx.value(path);
  const input = el("input", { type: "checkbox", id: ctx.id(), checked: Boolean(current ?? node.default) });
  input.addEventListener("change", () => ctx.restructure(() => ctx.write(path, input.checked)));
  return input;
}

/** A collapsible group for objects, lists, unions; open at first when near the top or filled in. */
function group(ctx: RenderContext, node: FieldNode, path: Path, label: string, depth: number): HTMLElement {
  const key = pathKey(path);
  if (label === "") {
    // The value of a list row or a free key: the row names it and has its remove button.
    const box = el("div", { className: `af-inline af-${node.kind}` });
    box.dataset.path = key;
    const errors = el("div", { className: "af-errors" });
    ctx.errorSlot(path, errors);
    box.append(errors);
    return box;
  }
  const details = el("details", { className: `af-group af-${node.kind}` });
  details.dataset.path = key;
  details.open = ctx.openGroups.get(key) ?? (depth <= 1 || ctx.value(path) !== undefined);
  details.addEventListener("toggle", () => ctx.openGroups.set(key, details.open));
  const summary = el("summary", {}, el("span", { className: "af-label", textContent: label }));
  if (node.hasDefault && node.kind !== "object")
    summary.append(el("span", { className: "af-default", textContent: `default ${defaultHint(node)}` }));
  summary.append(resetButton(ctx, node, path, details));
  details.append(summary);
  if (node.description)
    details.append(el("div", { className: "af-description", textContent: node.description }));
  const errors = el("div", { className: "af-errors" });
  ctx.errorSlot(path, errors);
  details.append(errors);
  return details;
}

/**
 * A context in which emptying the value at `slot` leaves "" there: clearing the box of a list item
 * must not remove the row (and shift the ones after it) while the user is still typing.
 */
function keepingSlot(ctx: RenderContext, slot: Path): RenderContext {
  return {
    ...ctx,
    write: (target, value) =>
      ctx.write(target, value === undefined && target.length === slot.length ? "" : value),
  };
}

/** A context whose writes first put `initial()` at `path` when nothing is there (a tuple, an object row). */
function filling(ctx: RenderContext, path: Path, initial: () => unknown): RenderContext {
  return {
    ...ctx,
    write(target, value) {
      if (ctx.value(path) === undefined && value !== undefined) ctx.write(path, initial());
      ctx.write(target, value);
    },
  };
}

function renderObjectFields(
  ctx: RenderContext,
  node: NodeOf<"object">,
  path: Path,
  into: HTMLElement,
  depth: number,
  skip?: string,
) {
  for (const field of node.fields)
    if (field.key !== skip)
      into.append(renderField(ctx, field.node, [...path, field.key], field.key, field.required, depth));
}

function renderUnion(
  ctx: RenderContext,
  node: NodeOf<"union">,
  path: Path,
  label: string,
  required: boolean,
  depth: number,
) {
  const box = group(ctx, node, path, label, depth);
  const current = ctx.value(path);
  const chosen = chooseVariant(node, current);
  const select = el("select", { id: ctx.id(), className: "af-variant" });
  select.setAttribute("aria-label", `${node.discriminator ?? "kind"} of ${pathKey(path)}`);
  const blank =
    current !== undefined
      ? "(does not match any option)"
      : node.hasDefault
        ? `default: ${defaultHint(node)}`
        : required
          ? "choose…"
          : "unset";
  select.append(el("option", { value: "", textContent: blank }));
  select.append(...node.variants.map((v, i) => el("option", { value: String(i), textContent: v.label })));
  select.value = chosen < 0 ? "" : String(chosen);
  select.addEventListener("change", () =>
    ctx.restructure(() => {
      const variant = node.variants[Number(select.value)];
      ctx.write(path, select.value === "" ? undefined : variantValue(node, variant, ctx.value(path)));
    }),
  );
  box.append(
    el(
      "div",
      { className: "af-field" },
      el("label", { className: "af-label", htmlFor: select.id, textContent: node.discriminator ?? "kind" }),
      select,
    ),
  );
  if (chosen >= 0) {
    const variant = node.variants[chosen].node;
    if (variant.kind === "object") renderObjectFields(ctx, variant, path, box, depth + 1, node.discriminator);
    else box.append(renderField(ctx, variant, path, "", true, depth + 1, true));
  }
  return box;
}

function renderArray(
  ctx: RenderContext,
  node: NodeOf<"array">,
  path: Path,
  label: string,
  depth: number,
  inline: boolean,
) {
  const box = inline ? el("div", { className: "af-rows" }) : group(ctx, node, path, label, depth);
  box.dataset.path = pathKey(path);
  const rows = ctx.value(path);
  const items = Array.isArray(rows) ? rows : [];
  items.forEach((_, i) => {
    const itemPath = [...path, i];
    const line = el("div", { className: "af-row" });
    line.append(el("span", { className: "af-index", textContent: `${i + 1}` }));
    const remove = el("button", {
      type: "button",
      className: "af-remove",
      textContent: "✕",
      title: "remove this row",
    });
    remove.setAttribute("aria-label", `remove row ${i + 1} of ${pathKey(path)}`);
    remove.addEventListener("click", () => ctx.restructure(() => ctx.write(itemPath, undefined)));
    const body = el("div", { className: "af-row-body" });
    if (node.item.kind === "object") renderObjectFields(ctx, node.item, itemPath, body, depth + 1);
    else body.append(renderField(keepingSlot(ctx, itemPath), node.item, itemPath, "", true, depth + 1, true));
    line.append(body, remove);
    box.append(line);
  });
  const add = el("button", { type: "button", className: "af-add", textContent: "+ add row" });
  add.setAttribute("aria-label", `add a row to ${pathKey(path)}`);
  add.disabled = node.maxItems !== undefined && items.length >= node.maxItems;
  // A new row repeats the last one (tables grow by similar rows), else starts blank.
  add.addEventListener("click", () =>
    ctx.restructure(() => {
      const live = ctx.value(path);
      const now = Array.isArray(live) ? live : [];
      const next = now.length > 0 ? structuredClone(now[now.length - 1]) : initialValue(node.item);
      ctx.write(path, [...now, next]);
    }),
  );
  box.append(add);
  return box;
}

function renderRecord(ctx: RenderContext, node: NodeOf<"record">, path: Path, label: string, depth: number) {
  const box = group(ctx, node, path, label, depth);
  // Read when used: leaf edits change values without rendering again.
  const entriesNow = () => {
    const current = ctx.value(path);
    return Object.entries(current !== null && typeof current === "object" ? current : {});
  };
  const entries = entriesNow();
  const keyList = node.keyHints ? ctx.datalist(`keys-${pathKey(path)}`, node.keyHints) : undefined;
  const rename = (from: string, to: string) =>
    ctx.restructure(() => {
      const now = entriesNow();
      if (to === "" || to === from || now.some(([k]) => k === to)) return;
      ctx.write(path, Object.fromEntries(now.map(([k, v]) => [k === from ? to : k, v])));
    });
  for (const [key] of entries) {
    const line = el("div", { className: "af-row af-entry" });
    const name = el("input", { type: "text", value: key, className: "af-key" });
    name.setAttribute("aria-label", `key in ${pathKey(path)}`);
    if (keyList) name.setAttribute("list", keyList);
    name.addEventListener("change", () => rename(key, name.value.trim()));
    const remove = el("button", {
      type: "button",
      className: "af-remove",
      textContent: "✕",
      title: `remove ${key}`,
    });
    remove.addEventListener("click", () => ctx.restructure(() => ctx.write([...path, key], undefined)));
    const valuePath = [...path, key];
    const body = el("div", { className: "af-row-body" });
    const valueNode = recordValue(node, key);
    body.append(renderField(keepingSlot(ctx, valuePath), valueNode, valuePath, "", true, depth + 1, true));
    line.append(name, body, remove);
    box.append(line);
  }
  const add = el("button", { type: "button", className: "af-add", textContent: "+ add entry" });
  const candidates = (node.keys ?? node.keyHints ?? []).map(String);
  add.addEventListener("click", () =>
    ctx.restructure(() => {
      const taken = new Set(entriesNow().map(([k]) => k));
      let key = candidates.find((k) => !taken.has(k));
      for (let n = taken.size + 1; key === undefined; n++) if (!taken.has(`key${n}`)) key = `key${n}`;
      ctx.write([...path, key], initialValue(recordValue(node, key)));
    }),
  );
  box.append(add);
  return box;
}

function renderTuple(ctx: RenderContext, node: NodeOf<"tuple">, path: Path, label: string, depth: number) {
  const box = group(ctx, node, path, label, depth);
  const inner = filling(ctx, path, () =>
    node.hasDefault ? structuredClone(node.default) : node.items.map(initialValue),
  );
  const defaults = Array.isArray(node.default) ? node.default : undefined;
  node.items.forEach((schemaItem, i) => {
    const itemPath = [...path, i];
    // Each box shows its part of the tuple's default ([200 K, 400 K]: 200 and K, then 400 and K).
    const item =
      defaults && !schemaItem.hasDefault
        ? { ...schemaItem, hasDefault: true, default: defaults[i] }
        : schemaItem;
    box.append(
      renderField(
        { ...keepingSlot(inner, itemPath), noReset: true },
        item,
        itemPath,
        item.description ?? `${i + 1}`,
        true,
        depth + 1,
      ),
    );
  });
  return box;
}

/**
 * One field. `label` "" and `inline` for the body of a list row or a union variant: the row or the
 * group around it already names it.
 */
export function renderField(
  ctx: RenderContext,
  node: FieldNode,
  path: Path,
  label: string,
  required: boolean,
  depth: number,
  inline = false,
): HTMLElement {
  switch (node.kind) {
    case "object": {
      if (inline) {
        const box = el("div", { className: "af-object" });
        renderObjectFields(ctx, node, path, box, depth);
        return box;
      }
      const box = group(ctx, node, path, label, depth);
      renderObjectFields(ctx, node, path, box, depth + 1);
      return box;
    }
    case "union":
      return renderUnion(ctx, node, path, label, required, depth);
    case "array":
      return renderArray(ctx, node, path, label, depth, inline);
    case "record":
      return renderRecord(ctx, node, path, label, depth);
    case "tuple":
      return renderTuple(ctx, node, path, label, depth);
    case "quantity": {
      const inputs = quantityInputs(ctx, node, path);
      return row(ctx, node, path, label, inputs, inputs[0].id);
    }
    case "number":
    case "scalar": {
      const input = textInput(ctx, path, node, numberOrText, node.kind === "number");
      return row(ctx, node, path, label, [input], input.id);
    }
    case "string": {
      const input = textInput(ctx, path, node, textToString, false);
      return row(ctx, node, path, label, [input], input.id);
    }
    case "boolean": {
      const input = checkbox(ctx, node, path);
      return row(ctx, node, path, label, [input], input.id);
    }
    case "enum": {
      const select = enumSelect(ctx, node, path, required);
      return row(ctx, node, path, label, [select], select.id);
    }
    case "const":
      return row(ctx, node, path, label, [
        el("output", { className: "af-const", textContent: display(node.value) }),
      ]);
    case "unsupported": {
      // Not met in any study today (model.test.ts); kept editable as JSON rather than hidden.
      const input = textInput(
        ctx,
        path,
        node,
        (text) => {
          try {
            return text === "" ? undefined : JSON.parse(text);
          } catch {
            return text;
          }
        },
        false,
      );
      return row(ctx, node, path, label, [input], input.id);
    }
  }
}
