/**
 * Licences: an SPDX id (`CC-BY-4.0`) or a URL, as the reader sees it (a name and a link) and as
 * metadata gives it (a URL). The ids known here are those scholarly publishers use; another id is
 * still published, with the SPDX list's page as its link, and `npm run check` asks about it.
 */

/** Readable names of the licences essays are published under, by SPDX id. */
const NAMES: Readonly<Record<string, string>> = {
  'CC-BY-4.0': 'CC BY 4.0',
  'CC-BY-SA-4.0': 'CC BY-SA 4.0',
  'CC-BY-ND-4.0': 'CC BY-ND 4.0',
  'CC-BY-NC-4.0': 'CC BY-NC 4.0',
  'CC-BY-NC-SA-4.0': 'CC BY-NC-SA 4.0',
  'CC-BY-NC-ND-4.0': 'CC BY-NC-ND 4.0',
  'CC-BY-3.0': 'CC BY 3.0',
  'CC-BY-SA-3.0': 'CC BY-SA 3.0',
  'CC0-1.0': 'CC0 1.0 (public domain dedication)',
  'CC-PDDC': 'Public domain',
  'MIT': 'MIT licence',
  'Apache-2.0': 'Apache licence 2.0',
  'GFDL-1.3-or-later': 'GNU Free Documentation Licence 1.3 or later',
};

export const KNOWN_LICENSES: readonly string[] = Object.keys(NAMES);

/** The licence's id as SPDX spells it, if it is one of the known ones (any case). */
export function knownLicense(license: string): string | undefined {
  const wanted = license.trim().toLowerCase();
  return KNOWN_LICENSES.find((id) => id.toLowerCase() === wanted);
}

/** A licence as a URL, as schema.org and Dublin Core want it. */
export function licenseUrl(license: string): string {
  if (/^https?:\/\//.test(license)) return license;
  const cc = /^CC-(BY(?:-SA|-ND|-NC|-NC-SA|-NC-ND)?)-(\d\.\d)$/i.exec(license.trim());
  if (cc) return `https://creativecommons.org/licenses/${cc[1]!.toLowerCase()}/${cc[2]}/`;
  if (/^CC0-1\.0$/i.test(license.trim())) return 'https://creativecommons.org/publicdomain/zero/1.0/';
  if (/^CC-PDDC$/i.test(license.trim())) return 'https://creativecommons.org/publicdomain/mark/1.0/';
  return `https://spdx.org/licenses/${encodeURIComponent(knownLicense(license) ?? license.trim())}.html`;
}

/** What a reader is shown: "CC BY 4.0", or the id or address as written. */
export function licenseName(license: string): string {
  const id = knownLicense(license);
  return id ? NAMES[id]! : license.trim();
}
