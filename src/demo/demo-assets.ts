import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The demo page's browser files, bundled from src/web by `npm run build:web` into dist/public. */
export type DemoAsset = 'demo.js' | 'demo.css';

export const DEMO_ASSET_TYPES: Record<DemoAsset, string> = {
  'demo.js': 'text/javascript; charset=utf-8',
  'demo.css': 'text/css; charset=utf-8',
};

// Compiled, this file is dist/demo/demo-assets.js; under Jest it runs from src/demo. Both find dist/public.
const CANDIDATE_DIRS = ['../public/', '../../dist/public/'].map((path) =>
  fileURLToPath(new URL(path, import.meta.url)),
);

/** Reads one bundled file, or undefined when the bundle was not built. */
export async function readDemoAsset(
  name: DemoAsset,
): Promise<string | undefined> {
  for (const dir of CANDIDATE_DIRS) {
    try {
      return await readFile(`${dir}${name}`, 'utf8');
    } catch {
      // not in this directory: try the next
    }
  }
  return undefined;
}
