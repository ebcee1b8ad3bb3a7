/** A throwaway project folder: the repository's CSL styles and locales, and the files a test gives. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './project.ts';

export function writeTempProject(files: Readonly<Record<string, string | Uint8Array>>, prefix = 'apparatus-project-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(ROOT, 'bibliography/styles'), join(root, 'bibliography/styles'), { recursive: true });
  cpSync(join(ROOT, 'bibliography/locales'), join(root, 'bibliography/locales'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
