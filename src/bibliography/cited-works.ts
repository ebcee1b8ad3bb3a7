/**
 * The works an essay's reference list shows, as Pandoc chooses them: every work it cites, in the
 * order it first cites them, then those its `nocite` lists (`'all'`: every work of its
 * bibliography). The one definition of "the works an essay cites", for its reference list, its
 * downloads, its metadata and the checks across essays.
 */
export function citedKeys(citedInOrder: Iterable<string>, nocite: readonly string[] | 'all', bibliographyKeys: Iterable<string>, isWork: (key: string) => boolean): string[] {
  const keys = new Set<string>();
  for (const key of citedInOrder) if (isWork(key)) keys.add(key);
  for (const key of nocite === 'all' ? bibliographyKeys : nocite) if (isWork(key)) keys.add(key);
  return [...keys];
}
