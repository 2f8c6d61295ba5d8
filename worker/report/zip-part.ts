/**
 * Reads one part of a zip file and replaces it, copying every other part's compressed bytes as
 * they are. The DOCX renderer lets the `docx` package write the whole package with a placeholder
 * paragraph per section, then puts the sections' XML (built as strings, which a Worker's memory
 * holds easily, unlike the package's object graph for 188 narratives) into `word/document.xml`.
 * Inflating and deflating use the runtime's CompressionStream ("deflate-raw"), in Workers and Node.
 * Plain zip only (no ZIP64, no encryption): what `docx` writes.
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  data: Uint8Array;
}

let crcTable: Int32Array | null = null;
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

function entries(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== EOCD) end--;
  if (end < 0) throw new Error("not a zip file (no end of central directory)");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL) throw new Error("zip central directory is damaged");
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL) throw new Error("zip local header is damaged");
    const compressedSize = view.getUint32(at + 20, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.push({
      name: decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true) & 0x0800,
      method: view.getUint16(at + 10, true),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
      crc: view.getUint32(at + 16, true),
      compressedSize,
      size: view.getUint32(at + 24, true),
      data: zip.subarray(start, start + compressedSize),
    });
    at += 46 + skip;
  }
  return out;
}

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}

/** The text of one part of the zip. */
export async function readZipText(zip: Uint8Array, name: string): Promise<string> {
  const entry = entries(zip).find((e) => e.name === name);
  if (!entry) throw new Error(`the zip has no ${name}`);
  const bytes = entry.method === 0 ? entry.data : await through(entry.data, new DecompressionStream("deflate-raw"));
  return new TextDecoder().decode(bytes);
}

/** A new zip: the same parts in the same order, with `name`'s content replaced (deflated). */
export async function replaceZipPart(zip: Uint8Array, name: string, content: string): Promise<ArrayBuffer> {
  const parts = entries(zip);
  const target = parts.find((e) => e.name === name);
  if (!target) throw new Error(`the zip has no ${name}`);
  const raw = new TextEncoder().encode(content);
  Object.assign(target, { method: 8, crc: crc32(raw), size: raw.length, data: await through(raw, new CompressionStream("deflate-raw")) });
  target.compressedSize = target.data.length;

  const encoder = new TextEncoder();
  const names = parts.map((p) => encoder.encode(p.name));
  const localSize = parts.reduce((n, p, i) => n + 30 + names[i]!.length + p.data.length, 0);
  const centralSize = parts.reduce((n, _p, i) => n + 46 + names[i]!.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  const common = (at: number, p: ZipEntry) => {
    view.setUint16(at, 20, true); // version needed: 2.0 (deflate)
    view.setUint16(at + 2, p.flags, true);
    view.setUint16(at + 4, p.method, true);
    view.setUint16(at + 6, p.time, true);
    view.setUint16(at + 8, p.date, true);
    view.setUint32(at + 10, p.crc, true);
    view.setUint32(at + 14, p.data.length, true);
    view.setUint32(at + 18, p.size, true);
  };
  let at = 0;
  const offsets: number[] = [];
  parts.forEach((p, i) => {
    offsets.push(at);
    view.setUint32(at, LOCAL, true);
    common(at + 4, p);
    view.setUint16(at + 26, names[i]!.length, true);
    out.set(names[i]!, at + 30);
    out.set(p.data, at + 30 + names[i]!.length);
    at += 30 + names[i]!.length + p.data.length;
  });
  const centralStart = at;
  parts.forEach((p, i) => {
    view.setUint32(at, CENTRAL, true);
    view.setUint16(at + 4, 20, true); // made by: 2.0
    common(at + 6, p);
    view.setUint16(at + 28, names[i]!.length, true);
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(names[i]!, at + 46);
    at += 46 + names[i]!.length;
  });
  view.setUint32(at, EOCD, true);
  view.setUint16(at + 8, parts.length, true);
  view.setUint16(at + 10, parts.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  return out.buffer;
}
