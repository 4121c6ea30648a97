/** An error of read-excel-file: its `code` (README, "Errors") or its class name, and its message. */
export interface WorkbookReaderError {
  name?: string;
  code?: string;
  message?: string;
}

/**
 * read-excel-file's errors in words a researcher can act on, for every edge that opens a
 * workbook (the CLI's child process, the page's worker).
 */
export function workbookProblem(error: WorkbookReaderError): string {
  switch (error.code) {
    case "INVALID_ZIP":
      return `not a readable .xlsx workbook: its zip archive is truncated or corrupt (${error.message})`;
    case "NO_DATA":
      return "the workbook is empty";
    case "FILE_NOT_SUPPORTED":
      return "a zip archive, but not an .xlsx workbook";
  }
  if (error.name === "InvalidSpreadsheetError") return `a malformed .xlsx workbook: ${error.message}`;
  return `the workbook could not be read: ${error.message}`;
}
