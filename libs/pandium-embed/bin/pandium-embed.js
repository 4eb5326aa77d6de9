#!/usr/bin/env node
// The `pandium-embed` command. It loads the compiled CLI from dist/, which the package ships. In the monorepo,
// dist/ exists only after `npm run build:lib`; this file exists from the start, so npm links the command at install.
const CLI = '../dist/cli/main.js';

import(CLI).catch((error) => {
  if (
    error?.code === 'ERR_MODULE_NOT_FOUND' &&
    error.url?.endsWith?.('/dist/cli/main.js')
  ) {
    process.stderr.write(
      'pandium-embed: the CLI is not built yet: run `npm run build:lib` first\n',
    );
    process.exitCode = 2;
    return;
  }
  throw error;
});
