/** A line as read, with its 1-based number in the file. */
export interface NumberedLine {
  text: string;
  line: number;
}

/**
 * Lines of a file that can be looked ahead into before a reader is chosen: the lines looked at are
 * kept and handed out again, so the chosen reader still sees the file from line 1 and streams the
 * rest (only the look-ahead is held in memory).
 */
export class LineSource {
  private readonly iterator: Iterator<string>;
  private readonly seen: NumberedLine[] = [];
  private done = false;

  constructor(lines: Iterable<string>) {
    this.iterator = lines[Symbol.iterator]();
  }

  /** Line `line` (1-based), reading ahead to it; undefined past the end of the file. */
  at(line: number): NumberedLine | undefined {
    while (this.seen.length < line && !this.done) {
      const item = this.iterator.next();
      if (item.done) this.done = true;
      else this.seen.push({ text: item.value.replace(/\r$/, ""), line: this.seen.length + 1 });
    }
    return this.seen[line - 1];
  }

  /** First line at or after `from` for which `test` holds, reading ahead no further than `limit` lines. */
  find(
    test: (text: string) => boolean,
    from = 1,
    limit = Number.POSITIVE_INFINITY,
  ): NumberedLine | undefined {
    for (let n = from; n < from + limit; n++) {
      const item = this.at(n);
      if (!item) return undefined;
      if (test(item.text)) return item;
    }
    return undefined;
  }

  /** Every line from line 1: the ones looked at, then the rest of the file. Read once. */
  *lines(): Generator<NumberedLine> {
    yield* this.seen;
    let line = this.seen.length;
    if (this.done) return;
    for (let item = this.iterator.next(); !item.done; item = this.iterator.next()) {
      yield { text: item.value.replace(/\r$/, ""), line: ++line };
    }
  }

  /** The same as `lines()`, text only: what the cycler reader layer takes. */
  *texts(): Generator<string> {
    for (const { text } of this.lines()) yield text;
  }
}
