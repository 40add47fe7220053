import { describe, expect, it } from "vitest";
import { gifHeader, pngHeader, tinyJpeg, tinyPng, webpHeader } from "../../testing/image-fixtures.ts";
import { sniffImage } from "./image-format.ts";

describe("sniffImage", () => {
  it("reads PNG sizes from IHDR, big-endian", () => {
    expect(sniffImage(tinyPng(2, 3))).toEqual({ type: "image/png", width: 2, height: 3 });
    expect(sniffImage(pngHeader(70000, 1))).toEqual({ type: "image/png", width: 70000, height: 1 });
    expect(sniffImage(pngHeader(0x7fffffff, 1))?.width).toBe(0x7fffffff);
  });

  it("reads JPEG sizes from the first start-of-frame, after other segments", () => {
    expect(sniffImage(tinyJpeg(3, 2))).toEqual({ type: "image/jpeg", width: 3, height: 2 });
    expect(sniffImage(tinyJpeg(640, 480))).toEqual({ type: "image/jpeg", width: 640, height: 480 });
    // An APP0 segment and fill bytes before the frame; a progressive frame (SOF2).
    const app0 = [0xff, 0xe0, 0x00, 0x06, 0x4a, 0x46, 0x49, 0x46];
    const sof2 = [0xff, 0xff, 0xc2, 0x00, 0x0b, 0x08, 0x01, 0x00, 0x02, 0x00, 0x01, 0x01, 0x11, 0x00];
    expect(sniffImage(Buffer.from([0xff, 0xd8, ...app0, ...sof2]))).toEqual({
      type: "image/jpeg",
      width: 512,
      height: 256,
    });
  });

  it("does not take DHT (C4) or DAC (CC) for a frame", () => {
    const dht = [0xff, 0xc4, 0x00, 0x07, 0x00, 0x10, 0x20, 0x30, 0x40];
    const sof0 = [0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x05, 0x00, 0x09, 0x01, 0x01, 0x11, 0x00];
    expect(sniffImage(Buffer.from([0xff, 0xd8, ...dht, ...sof0]))).toEqual({
      type: "image/jpeg",
      width: 9,
      height: 5,
    });
  });

  it("reads GIF and the three kinds of WebP", () => {
    expect(sniffImage(gifHeader(300, 200))).toEqual({ type: "image/gif", width: 300, height: 200 });
    const gif87 = gifHeader(1, 1);
    gif87.write("GIF87a", 0, "ascii");
    expect(sniffImage(gif87)?.type).toBe("image/gif");
    for (const kind of ["VP8 ", "VP8L", "VP8X"] as const) {
      expect(sniffImage(webpHeader(kind, 1024, 768))).toEqual({
        type: "image/webp",
        width: 1024,
        height: 768,
      });
    }
    expect(sniffImage(webpHeader("VP8X", 20000, 1))?.width).toBe(20000);
    expect(sniffImage(webpHeader("VP8L", 16384, 16384))).toMatchObject({ width: 16384, height: 16384 });
  });

  it("refuses what is not one of the four formats, whatever it claims to be", () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const html = Buffer.from("<!doctype html><script>alert(1)</script>");
    const bmp = Buffer.from("BM6\0\0\0\0\0\0\x006\0\0\0(\0\0\0\x01\0\0\0\x01\0\0\0", "latin1");
    const riffWave = Buffer.concat([Buffer.from("RIFF\x24\0\0\0WAVEfmt ", "latin1"), Buffer.alloc(20)]);
    for (const data of [svg, html, bmp, riffWave, Buffer.alloc(0), Buffer.alloc(64)]) {
      expect(sniffImage(data)).toBeNull();
    }
  });

  it("refuses zero sizes and malformed headers", () => {
    expect(sniffImage(pngHeader(0, 10))).toBeNull();
    expect(sniffImage(pngHeader(10, 0))).toBeNull();
    expect(sniffImage(pngHeader(0x80000000, 1))).toBeNull();
    expect(sniffImage(gifHeader(0, 5))).toBeNull();
    expect(sniffImage(tinyJpeg(0, 4))).toBeNull();
    // IHDR not first, or a wrong IHDR length.
    const png = pngHeader(4, 4);
    const wrongType = Buffer.from(png);
    wrongType.write("IDAT", 12, "ascii");
    expect(sniffImage(wrongType)).toBeNull();
    const wrongLength = Buffer.from(png);
    wrongLength.writeUInt32BE(14, 8);
    expect(sniffImage(wrongLength)).toBeNull();
    // A VP8 inter frame, a VP8 frame without its start code, a VP8L without its signature byte.
    const inter = webpHeader("VP8 ", 8, 8);
    inter[20] = 0x11;
    expect(sniffImage(inter)).toBeNull();
    const noStart = webpHeader("VP8 ", 8, 8);
    noStart[23] = 0;
    expect(sniffImage(noStart)).toBeNull();
    const noSignature = webpHeader("VP8L", 8, 8);
    noSignature[20] = 0;
    expect(sniffImage(noSignature)).toBeNull();
    // JPEG: scan before any frame, bad segment length, garbage instead of a marker.
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0xff, 0xc0]))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0x12, 0x34]))).toBeNull();
  });

  it("refuses every truncation of a valid header, never reading past the end", () => {
    const jpeg = tinyJpeg(10, 20);
    // How many bytes each format needs before its size is known; the rest of the file may be missing.
    const samples: Array<[Buffer, number]> = [
      [pngHeader(10, 20), 24],
      [jpeg, jpeg.indexOf(Buffer.from([0xff, 0xc0])) + 9],
      [gifHeader(10, 20), 10],
      [webpHeader("VP8 ", 10, 20), 30],
      [webpHeader("VP8L", 10, 20), 25],
      [webpHeader("VP8X", 10, 20), 30],
    ];
    for (const [sample, needed] of samples) {
      expect(sniffImage(sample.subarray(0, needed))).toMatchObject({ width: 10, height: 20 });
      for (let length = 0; length < needed; length += 1) {
        expect(
          sniffImage(sample.subarray(0, length)),
          `${sample.subarray(0, 4).toString("hex")} cut at ${length}`,
        ).toBeNull();
      }
    }
  });

  it("terminates on a JPEG whose segments loop to the end", () => {
    const filler = Array.from({ length: 1000 }, () => [0xff, 0xfe, 0x00, 0x02]).flat();
    expect(sniffImage(Buffer.from([0xff, 0xd8, ...filler]))).toBeNull();
  });
});
