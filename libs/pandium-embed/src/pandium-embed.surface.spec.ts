import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The public surface is said the same way in three places: what the entry points export, the `@publicApi` tags in
// the sources (`@internal` elsewhere), and the library README's "Public API" section. A name added to or taken from
// an index.ts must change in the other two as well (and in the API reports, which `npm run api:check` compares).

const SRC = dirname(fileURLToPath(import.meta.url));
const README = join(SRC, '..', 'README.md');

const ENTRIES: Record<string, string> = {
  'pandium-embed': 'index.ts',
  'pandium-embed/api-catalog': 'api-catalog/index.ts',
  'pandium-embed/stores': 'stores/index.ts',
  'pandium-embed/testing': 'testing/index.ts',
  'pandium-embed/diagnosis': 'diagnosis/index.ts',
  'pandium-embed/browser': 'browser/index.ts',
  'pandium-embed/react': 'react/index.ts',
  'pandium-embed/redis': 'redis/index.ts',
  'pandium-embed/swagger': 'swagger/index.ts',
  'pandium-embed/emulator': 'emulator/index.ts',
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

/**
 * Names tagged `@publicApi` that no entry exports any more, in files another part of issue 12 reworks: each is to
 * become `@internal` (or go) there. The last test fails until a line is deleted once its case is gone; the list
 * must end empty.
 */
const TAGS_IN_PROGRESS: readonly string[] = [];

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return listSources(path);
    }
    const isTestCode = /\.spec(-utils)?\.tsx?$/.test(entry.name);
    return /\.tsx?$/.test(entry.name) && !isTestCode ? [path] : [];
  });
}

/** `<file> <name>` for each declaration a source file exports with `@publicApi` in its JSDoc. */
function taggedPublic(): string[] {
  return listSources(SRC).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const source = ts.createSourceFile(
      path,
      text,
      ts.ScriptTarget.Latest,
      true,
    );
    const file = relative(SRC, path).split(sep).join('/');
    return source.statements.flatMap((statement) => {
      const exported = ts
        .getModifiers(statement as ts.HasModifiers)
        ?.some(({ kind }) => kind === ts.SyntaxKind.ExportKeyword);
      const doc = text.slice(statement.getFullStart(), statement.getStart());
      if (exported !== true || !doc.includes('@publicApi')) {
        return [];
      }
      const names = ts.isVariableStatement(statement)
        ? statement.declarationList.declarations.map(({ name }) =>
            name.getText(),
          )
        : [(statement as ts.DeclarationStatement).name?.getText() ?? ''];
      return names.map((name) => `${file} ${name}`);
    });
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
  const exported = new Set(Object.values(ENTRIES).flatMap(exportedNames));
  const tagged = taggedPublic();

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

  it('should tag with @publicApi every name an entry exports', () => {
    const taggedNames = new Set(tagged.map((line) => line.split(' ')[1]));
    expect([...exported].filter((name) => !taggedNames.has(name))).toEqual([]);
  });

  it('should export every name tagged @publicApi, but for the cases in progress', () => {
    expect(
      tagged.filter(
        (line) =>
          !exported.has(line.split(' ')[1]) && !TAGS_IN_PROGRESS.includes(line),
      ),
    ).toEqual([]);
  });

  it('should list in TAGS_IN_PROGRESS only names still tagged and not exported', () => {
    expect(
      TAGS_IN_PROGRESS.filter(
        (listed) =>
          !tagged.includes(listed) || exported.has(listed.split(' ')[1]),
      ),
    ).toEqual([]);
  });
});
