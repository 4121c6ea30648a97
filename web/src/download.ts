/** Offers `content` as a file download named `name`. */
export function download(name: string, content: Blob | string, type = "text/plain"): void {
  const blob = typeof content === "string" ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the download by now; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A data: or blob: URL's content as a Blob (vega's PNG export gives a data URL). */
export async function blobOf(url: string): Promise<Blob> {
  return (await fetch(url)).blob();
}
