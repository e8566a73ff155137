// Bytes to text the way platform exports need it: encoding by byte-order mark
// (or by the zero bytes UTF-16 leaves), an Excel `sep=` hint line, and the
// first lines of the file for recognising its header.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: Encoding;
  hadBom: boolean;
  /** Delimiter named by an Excel `sep=` first line, which is then removed from `text`. */
  sepHint: string | null;
  /** Lines removed from the top (the `sep=` line), to keep line numbers true to the file. */
  lineOffset: number;
}

function looksLikeUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 2000);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  const half = n / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.05) return 'utf-16le';
  if (evenZeros > half * 0.3 && oddZeros < half * 0.05) return 'utf-16be';
  return null;
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  let encoding: Encoding;
  let start = 0;
  let hadBom = false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    start = 3;
    hadBom = true;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
    hadBom = true;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    start = 2;
    hadBom = true;
  } else {
    encoding = looksLikeUtf16(bytes) ?? 'utf-8';
  }
  const body = bytes.subarray(start);
  let text: string;
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      encoding = 'windows-1252';
      text = new TextDecoder('windows-1252').decode(body);
    }
  } else {
    text = new TextDecoder(encoding).decode(body);
  }
  let sepHint: string | null = null;
  let lineOffset = 0;
  const sepLine = /^"?sep=(.)"?\r?\n/i.exec(text);
  if (sepLine) {
    sepHint = sepLine[1] ?? null;
    text = text.slice(sepLine[0].length);
    lineOffset = 1;
  }
  return { text, encoding, hadBom, sepHint, lineOffset };
}

/** The first `count` lines, for recognising a header below title lines. */
export function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let from = 0;
  while (lines.length < count && from < text.length) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end === -1 ? text.length : end).replace(/\r$/, '');
    lines.push(line);
    if (end === -1) break;
    from = end + 1;
  }
  return lines;
}

export function isZipArchive(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
