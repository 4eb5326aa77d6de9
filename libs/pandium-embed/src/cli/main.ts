#!/usr/bin/env node
// The `pandium-embed` bin: all the logic is in runInspectCommand, which tests call directly.
import { text } from 'node:stream/consumers';
import { runInspectCommand } from './inspect.command.js';

void runInspectCommand(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => text(process.stdin),
}).then((code) => {
  process.exitCode = code;
});
