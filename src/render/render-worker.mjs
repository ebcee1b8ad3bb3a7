// A render-pool worker's entry. Workers start without the parent's module loaders, so this plain
// module registers tsx's TypeScript loader before loading the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
