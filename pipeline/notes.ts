// The notes a run leaves in the report for its reader, as a key and parameters that the
// site puts into words in the report's locale (site/lib/i18n-notes.ts), beside the
// run's warnings, whose English text the run log and the terminal keep. A warning is
// made a note with `note(key, params, text)`: it returns the warning's text, which the
// step pushes and logs as before, and remembers the note behind that text, so that
// manifest.json can carry, for every warning, the note it came from (`notesOf`). A
// warning no note stands behind (an importer's diagnostic about one file) is carried
// as `text`: the site shows it as the importer wrote it, marked as such.

/** The keys of the notes the site has words for; adding one means adding its words to i18n-notes.ts in every locale. */
export type NoteKey = 'dataTest' | 'rowsRejected' | 'snapshotNotKept' | 'touchpointsMissing' | 'settingsMissing' | 'notInContract' | 'ga4FileEmpty' | 'text';

export type NoteParams = Record<string, string | number>;

export interface Note {
  key: NoteKey;
  params: NoteParams;
}

/** The notes behind the texts made so far (one run or `npm run dev`'s runs: the same text gives the same note). */
const NOTES = new Map<string, Note>();

/** The warning's text, remembered as the note `key` with `params`. */
export function note(key: Exclude<NoteKey, 'text'>, params: NoteParams, text: string): string {
  NOTES.set(text, { key, params });
  return text;
}

/** The note behind each warning, in the warnings' order; a warning no note stands behind is a `text` note. */
export function notesOf(warnings: readonly string[]): Note[] {
  return warnings.map((text) => NOTES.get(text) ?? { key: 'text', params: { text } });
}
