import { describe, expect, it } from 'vitest';
import { decodeBytes, firstLines } from '../pipeline/ingest/text.ts';

const utf16le = (text: string, bom = true) => new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(text, 'utf16le')]);

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    const withBom = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Kampagnenname,Käufe\n')]));
    expect(withBom).toMatchObject({ text: 'Kampagnenname,Käufe\n', encoding: 'utf-8', hadBom: true });
    expect(decodeBytes(new Uint8Array(Buffer.from('a,b\n'))).encoding).toBe('utf-8');
  });

  it('reads UTF-16 little and big endian by their marks, and little endian without one', () => {
    expect(decodeBytes(utf16le('Data de início\tMoeda\n'))).toMatchObject({ text: 'Data de início\tMoeda\n', encoding: 'utf-16le' });
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from('a\tb\n', 'utf16le').swap16()]);
    expect(decodeBytes(be)).toMatchObject({ text: 'a\tb\n', encoding: 'utf-16be' });
    expect(decodeBytes(utf16le('Start Date\tCurrency\n1/2/2026\tUSD\n', false)).encoding).toBe('utf-16le');
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    expect(decodeBytes(new Uint8Array([0x4b, 0xe4, 0x75, 0x66, 0x65]))).toMatchObject({ text: 'Käufe', encoding: 'windows-1252' });
  });

  it('consumes an Excel sep= line and remembers it for line numbers', () => {
    const decoded = decodeBytes(new Uint8Array(Buffer.from('sep=;\r\na;b\r\n1;2\r\n')));
    expect(decoded).toMatchObject({ sepHint: ';', lineOffset: 1, text: 'a;b\r\n1;2\r\n' });
  });
});

describe('firstLines', () => {
  it('returns lines without their line ends', () => {
    expect(firstLines('a\r\nb\nc', 2)).toEqual(['a', 'b']);
    expect(firstLines('a\nb', 5)).toEqual(['a', 'b']);
  });
});
