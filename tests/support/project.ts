import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root, from this file's place (never the working directory). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist');
