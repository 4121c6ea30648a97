/** Where the CLI talks: the real terminal in `bin.ts`, a recorder in tests. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Width that tables are fitted to. */
  columns: number;
  /** Draw live progress bars on stderr (a terminal); otherwise long commands print a line per step. */
  progressOnTerminal?: boolean;
  /** Standard input, for a scenario given as `-`. */
  stdin?: () => Promise<string>;
}
