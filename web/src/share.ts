/**
 * A scenario in the URL: JSON, deflate-raw compressed, base64url, after `#scenario=`. Links stay
 * short enough to paste, and everything is decoded in the page (nothing goes to a server).
 */

const KEY = "scenario=";

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(
  bytes: Uint8Array,
  transform: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The URL hash (with its `#`) that carries `scenario`. */
export async function scenarioHash(scenario: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(scenario));
  return `#${KEY}${toBase64Url(await pipe(json, new CompressionStream("deflate-raw")))}`;
}

/**
 * The scenario a URL hash carries; undefined when the hash carries none. Throws an Error saying
 * what is wrong with a hash that does not decode.
 */
export async function scenarioFromHash(hash: string): Promise<unknown> {
  const text = hash.replace(/^#/, "");
  if (!text.startsWith(KEY)) return undefined;
  const encoded = text.slice(KEY.length);
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(
      await pipe(fromBase64Url(encoded), new DecompressionStream("deflate-raw")),
    );
  } catch {
    throw new Error(
      "the link's scenario does not decode (it was cut short or altered); expected the #scenario=… part of a link made by this page",
    );
  }
  try {
    return JSON.parse(json);
  } catch {
    throw new Error("the link's scenario decodes but is not valid JSON; expected a link made by this page");
  }
}
