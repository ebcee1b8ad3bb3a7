/**
 * Languages: the babel and polyglossia names of `langid` as Pandoc's toIETF maps them, and biblatex's
 * localisation keys (`phdthesis`, `inpress`, `newseries`…) in the reading's language, as Pandoc
 * 2.17 prints them (biblatex-strings.ts, made by tests/fixtures/bibtex-real/make-strings.sh).
 */
import { BIBLATEX_STRINGS as TABLE } from './biblatex-strings.ts';

/** Pandoc's toIETF (Text.Pandoc.Citeproc.Util). */
const IETF: Readonly<Record<string, string>> = {
  english: 'en-US', usenglish: 'en-US', american: 'en-US', british: 'en-GB', ukenglish: 'en-GB', canadian: 'en-US',
  australian: 'en-GB', newzealand: 'en-GB', afrikaans: 'af-ZA', arabic: 'ar', basque: 'eu', bulgarian: 'bg-BG',
  catalan: 'ca-AD', croatian: 'hr-HR', czech: 'cs-CZ', danish: 'da-DK', dutch: 'nl-NL', estonian: 'et-EE', finnish: 'fi-FI',
  canadien: 'fr-CA', acadian: 'fr-CA', french: 'fr-FR', francais: 'fr-FR', austrian: 'de-AT', naustrian: 'de-AT',
  german: 'de-DE', germanb: 'de-DE', ngerman: 'de-DE', greek: 'el-GR', polutonikogreek: 'el-GR', hebrew: 'he-IL',
  hungarian: 'hu-HU', icelandic: 'is-IS', italian: 'it-IT', japanese: 'ja-JP', latvian: 'lv-LV', lithuanian: 'lt-LT',
  magyar: 'hu-HU', mongolian: 'mn-MN', norsk: 'nb-NO', nynorsk: 'nn-NO', farsi: 'fa-IR', polish: 'pl-PL', brazil: 'pt-BR',
  brazilian: 'pt-BR', portugues: 'pt-PT', portuguese: 'pt-PT', romanian: 'ro-RO', russian: 'ru-RU', serbian: 'sr-RS',
  serbianc: 'sr-RS', slovak: 'sk-SK', slovene: 'sl-SL', spanish: 'es-ES', swedish: 'sv-SE', thai: 'th-TH', turkish: 'tr-TR',
  ukrainian: 'uk-UA', vietnamese: 'vi-VN', latin: 'la',
};

export function toIETF(name: string): string {
  return IETF[name] ?? name;
}

/** The language subtag of a BCP 47 tag ("de-DE" → "de"), lower-cased. */
export function languageOf(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

/** Pandoc's resolveKey': the key's text in the language, or the key itself. */
export function resolveKey(language: string, key: string): string {
  return TABLE[languageOf(language)]?.[key] ?? key;
}
