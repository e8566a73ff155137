// Texts per locale from SQL header lines (`-- metric <key> [de] …`, `-- model <key> [fr] …`,
// `-- test [en] …`, `-- dataset [de] …`): the locale a line names, checked, and a text
// that every locale of the report has, or a stop naming the file and what is missing.
import { LOCALES, type Locale } from './config.ts';
import { EXIT, ReportError } from './errors.ts';

/** A text per locale of the report. */
export type LocaleTexts = Partial<Record<Locale, string>>;

/** A locale named by a header line, or a stop naming the file and the line's key. */
export function lineLocale(locale: string, file: string, what: string): Locale {
  if (!(LOCALES as readonly string[]).includes(locale)) {
    throw new ReportError(`${file}: "${what} [${locale}]" names no locale of the report (${LOCALES.join(', ')})`, { exitCode: EXIT.sql });
  }
  return locale as Locale;
}

/** Stops the run when a text has lines in some locales and not in all (a report in the missing one would show another language). */
export function requireEveryLocale(texts: LocaleTexts, file: string, what: string): LocaleTexts {
  const missing = LOCALES.filter((l) => texts[l] === undefined);
  if (missing.length && missing.length < LOCALES.length) {
    throw new ReportError(`${file}: ${what} has no line for ${missing.map((l) => `[${l}]`).join(', ')}; give one per locale (${LOCALES.join(', ')})`, { exitCode: EXIT.sql });
  }
  return texts;
}

/** The same text in every locale (a line that names none). */
export function everyLocale(text: string): LocaleTexts {
  return Object.fromEntries(LOCALES.map((l) => [l, text]));
}

