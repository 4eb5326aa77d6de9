import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The library README's "Public API" section lists exactly what each entry point exports: a name added to or taken
// from an index.ts must be added to or taken from the README too (and the API reports, by `npm run api:check`).

const SRC = dirname(fileURLToPath(import.meta.url));
const README = join(SRC, '..', 'README.md');

const ENTRIES: Record<string, string> = {
  'pandium-embed': 'index.ts',
  'pandium-embed/testing': 'testing/index.ts',
  'pandium-embed/diagnosis': 'diagnosis/index.ts',
  'pandium-embed/browser': 'browser/index.ts',
  'pandium-embed/redis': 'redis/index.ts',
  'pandium-embed/swagger': 'swagger/index.ts',
};

/** The names an entry's index.ts exports; `export *` would hide them, so it counts as an error. */
function exportedNames(entry: string): string[] {
  const path = join(SRC, entry);
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
  );
  return source.statements.flatMap((statement) => {
    if (!ts.isExportDeclaration(statement)) {
      return [];
    }
    const clause = statement.exportClause;
    if (clause === undefined || !ts.isNamedExports(clause)) {
      throw new Error(`${entry}: export names one by one, not with export *`);
    }
    return clause.elements.map((element) => element.name.text);
  });
}

/** The names the README's "Public API" section lists under each entry's heading, outside parentheses. */
function listedNames(): Record<string, string[]> {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf('\n## Public API\n');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const listed: Record<string, string[]> = {};
  let entry: string | undefined;
  for (const line of section.split('\n')) {
    const heading = /^\*\*`([^`]+)`\*\*/.exec(line);
    if (heading !== null) {
      entry = heading[1];
      listed[entry] = [];
    } else if (entry !== undefined && /^(- | {2})/.test(line)) {
      const names = line
        .replace(/\([^)]*\)?/g, '')
        .replace(/^- [^:]*:/, '')
        .matchAll(/`([^`]+)`/g);
      listed[entry].push(...[...names].map((match) => match[1]));
    }
  }
  return listed;
}

describe('the public surface', () => {
  const listed = listedNames();

  it('should have a README heading for every entry point, and no other', () => {
    expect(Object.keys(listed).sort()).toEqual(Object.keys(ENTRIES).sort());
  });

  it.each(Object.entries(ENTRIES))(
    'should list in the README exactly what %s exports',
    (entry, file) => {
      expect([...(listed[entry] ?? [])].sort()).toEqual(
        exportedNames(file).sort(),
      );
    },
  );
});
