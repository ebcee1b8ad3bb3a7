/**
 * Which CSL locale file serves a language tag. `lang: it` means Italian as CSL's own data says it
 * is mostly written (its `primary-dialects`, in bibliography/locales/locales.json), so that adding a
 * locale never needs a table in the code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocaleChoice {
  /** The locale's name (`it-IT`), as its file names it. */
  readonly name: string;
  readonly file: string;
  /** Set when the tag named a region that has no locale, and its language's primary dialect serves instead. */
  readonly fallbackFrom?: string;
}

const dialectsByFolder = new Map<string, Readonly<Record<string, string>>>();

/** CSL's primary dialect of each language, from the locales' own locales.json. */
export function primaryDialects(localesDir: string): Readonly<Record<string, string>> {
  let dialects = dialectsByFolder.get(localesDir);
  if (!dialects) {
    const file = join(localesDir, 'locales.json');
    dialects = {};
    if (existsSync(file)) {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { 'primary-dialects'?: Record<string, string> };
      dialects = data['primary-dialects'] ?? {};
    }
    dialectsByFolder.set(localesDir, dialects);
  }
  return dialects;
}

/**
 * The locale for `lang`: its own file when there is one (`de-AT`), else its language's primary
 * dialect (`it` → `it-IT`; `en-AU` → `en-US`, flagged as a fallback), else undefined.
 */
export function resolveLocale(lang: string, localesDir: string): LocaleChoice | undefined {
  const [language = '', ...rest] = lang.split('-');
  // BCP 47 is case-insensitive; CSL names files with a lower-case language and upper-case region.
  const region = rest.find((part) => /^([A-Za-z]{2}|\d{3})$/.test(part));
  const fileOf = (name: string) => join(localesDir, `locales-${name}.xml`);
  const candidates = [lang, region ? `${language.toLowerCase()}-${region.toUpperCase()}` : language.toLowerCase()];
  for (const name of candidates) if (existsSync(fileOf(name))) return { name, file: fileOf(name) };
  const primary = primaryDialects(localesDir)[language.toLowerCase()];
  if (primary && existsSync(fileOf(primary))) {
    return { name: primary, file: fileOf(primary), ...(region ? { fallbackFrom: lang } : {}) };
  }
  return undefined;
}
