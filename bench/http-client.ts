import { request } from "node:http";

export interface Fetched {
  status: number;
  /** Bytes on the wire for the body, as compressed by the server. */
  transferBytes: number;
  ms: number;
}

/** A GET that keeps the compressed size, which `fetch` hides by decompressing. */
export function fetchCompressed(url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { headers: { "accept-encoding": "br, gzip", accept: "text/html" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, transferBytes: raw.length, ms: performance.now() - started });
      });
    });
    req.on("error", reject);
    req.end();
  });
}
