import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import * as swaggerEntry from './index.js';

const sourceRoot = fileURLToPath(new URL('../', import.meta.url));

/** Every module `entry` reaches through its relative imports (static, type-only, re-exports and `import()`). */
function moduleGraph(entry: string): {
  files: string[];
  packages: Map<string, string[]>;
} {
  const files = new Set<string>();
  const packages = new Map<string, string[]>();
  const pending = [resolve(entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) {
      continue;
    }
    files.add(file);
    const { importedFiles } = ts.preProcessFile(
      readFileSync(file, 'utf8'),
      true,
      true,
    );
    for (const { fileName: specifier } of importedFiles) {
      if (specifier.startsWith('.')) {
        const target = resolve(
          dirname(file),
          specifier.replace(/\.js$/, '.ts'),
        );
        if (!existsSync(target)) {
          throw new Error(`${file} imports ${specifier}, which does not exist`);
        }
        pending.push(target);
      } else {
        const importers = packages.get(specifier) ?? [];
        packages.set(specifier, [...importers, relative(sourceRoot, file)]);
      }
    }
  }
  return {
    files: [...files].map((file) => relative(sourceRoot, file)),
    packages,
  };
}

const isSwagger = (specifier: string): boolean =>
  specifier === '@nestjs/swagger' || specifier.startsWith('@nestjs/swagger/');

describe('pandium-embed/swagger', () => {
  it('should export documentPandiumEmbed and the response classes', () => {
    expect(Object.keys(swaggerEntry).sort()).toEqual([
      'PandiumEmbedUrlResponseDto',
      'PandiumErrorResponseDto',
      'PandiumInstallUrlResponseDto',
      'PandiumIntegrationResponseDto',
      'PandiumIntegrationStatusResponseDto',
      'PandiumLaunchLinkResponseDto',
      'PandiumSyncResponseDto',
      'documentPandiumEmbed',
    ]);
  });

  it('should be the entry point that imports @nestjs/swagger', () => {
    const { packages } = moduleGraph(join(sourceRoot, 'swagger/index.ts'));
    expect([...packages.keys()].some(isSwagger)).toBe(true);
  });

  // @nestjs/swagger is an optional peer: an app without it must be able to load the library.
  describe.each(['index.ts', 'testing/index.ts'])(
    'the entry point %s',
    (entry) => {
      it('should not import @nestjs/swagger from any module it reaches', () => {
        const { files, packages } = moduleGraph(join(sourceRoot, entry));
        const swaggerImporters = [...packages]
          .filter(([specifier]) => isSwagger(specifier))
          .flatMap(([, importers]) => importers);

        expect(files.length).toBeGreaterThan(10);
        expect(swaggerImporters).toEqual([]);
        expect(files.filter((file) => file.startsWith('swagger/'))).toEqual([]);
      });
    },
  );
});
