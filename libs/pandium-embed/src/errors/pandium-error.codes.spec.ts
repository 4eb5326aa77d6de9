import { readFileSync } from 'node:fs';
import type { PandiumHttpErrorCode } from './pandium-error.codes.js';
import { PandiumErrorCode } from './pandium-error.codes.js';
import {
  PANDIUM_HTTP_ERROR_CODES,
  PANDIUM_HTTP_ERRORS,
} from './pandium-http.exception.js';

const README = readFileSync(
  new URL('../../README.md', import.meta.url),
  'utf8',
);

/** The rows of the README's "Errors" table, by code. */
function readmeRows(): Map<string, string[]> {
  const section = README.slice(README.indexOf('\n## Errors\n'));
  const table = section.slice(0, section.indexOf('\n## ', 1));
  const rows = new Map<string, string[]>();
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const code = /^`(PANDIUM_[A-Z_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (code !== undefined) {
      rows.set(code, cells.slice(2, -1));
    }
  }
  return rows;
}

describe('PandiumErrorCode', () => {
  it('should spell every code PANDIUM_ and its key', () => {
    for (const [key, code] of Object.entries(PandiumErrorCode)) {
      expect(code).toBe(`PANDIUM_${key}`);
    }
  });

  it('should hold every code an HTTP answer carries', () => {
    expect(Object.values(PandiumErrorCode)).toEqual(
      expect.arrayContaining(PANDIUM_HTTP_ERROR_CODES),
    );
  });

  describe("the library README's Errors table", () => {
    it('should have one row for every code, and no other', () => {
      expect([...readmeRows().keys()].sort()).toEqual(
        Object.values(PandiumErrorCode).sort(),
      );
    });

    it('should give every HTTP code the status it answers, and every other code none', () => {
      const rows = readmeRows();
      for (const code of Object.values(PandiumErrorCode)) {
        const status: number | undefined =
          PANDIUM_HTTP_ERRORS[code as PandiumHttpErrorCode]?.status;
        expect([code, rows.get(code)?.[0].slice(0, 3)]).toEqual([
          code,
          status === undefined ? expect.not.stringMatching(/^\d/) : `${status}`,
        ]);
      }
    });
  });
});
