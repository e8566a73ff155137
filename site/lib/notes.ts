// The notes of manifest.json (pipeline/notes.ts) in the report's words: each note's
// key looked up in i18n-notes.ts, its numbers and months formatted in the locale, a
// data test's own words taken from the catalogue. A key the catalogue has no words for
// stops the build: a note the reader cannot read is a bug, not a fallback.

import type { ManifestNote } from './data/manifest.ts';
import { DatasetError } from './data/error.ts';
import { noteMessages, type NoteMessages } from './i18n-notes.ts';
import type { Report } from './report.ts';

function isKey(messages: NoteMessages, key: string): key is keyof NoteMessages {
  return Object.hasOwn(messages, key);
}

/** A note as the reader sees it (`names` in backticks are code, see code-text.ts). */
export function noteText(report: Report, note: ManifestNote): string {
  const messages = noteMessages(report.manifest.settings.locale);
  if (!isKey(messages, note.key)) {
    throw new DatasetError(`manifest.json: a note has the key "${note.key}", for which site/lib/i18n-notes.ts has no words (known: ${Object.keys(messages).join(', ')})`);
  }
  const { fmt } = report;
  const params: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of Object.entries(note.params)) {
    if (typeof value === 'number') {
      count = value;
      params[name] = fmt.integer(value);
    } else {
      params[name] = name === 'month' && /^\d{4}-\d{2}$/.test(value) ? fmt.month(value) : value;
    }
  }
  const test = note.key === 'dataTest' ? report.catalog.tests.find((x) => x.name === note.params.test) : undefined;
  const text = test ? report.text(test.description) : '';
  return messages[note.key]({ params, text, count });
}
