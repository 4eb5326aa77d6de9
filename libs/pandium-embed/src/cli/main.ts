#!/usr/bin/env node
// The `pandium-embed` bin: all the logic is in the commands' run functions, which tests call directly.
import { text } from 'node:stream/consumers';
import { runDoctorCommand } from './doctor.command.js';
import { runEmulatorCommand } from './emulator.command.js';
import { runInspectCommand } from './inspect.command.js';

const [command, ...rest] = process.argv.slice(2);
const io = {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => text(process.stdin),
};

void (
  command === 'emulator'
    ? runEmulatorCommand(rest, io)
    : command === 'doctor'
      ? runDoctorCommand(rest, io)
      : runInspectCommand(process.argv.slice(2), io)
).then((code) => {
  process.exitCode = code;
});
