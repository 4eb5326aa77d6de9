// Runs in every e2e file (setupFilesAfterEnv in test/jest-e2e.config.js): routes all Nest logging into the
// capture from the start, and after the file's tests checks that no secret and no token reached a log line.
import { afterAll, expect } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { capturingLogger } from './capturing.logger.js';
import type { CapturedLogEntry } from './capturing.logger.js';
import { TEST_APP_AUTH_SECRET, TEST_PANDIUM_SECRET } from './example-app.js';

// Before any test runs, so module-level loggers (`new Logger('…')` at import time) and static `Logger.*`
// calls land in the capture too. createExampleApp installs it again for each app.
Logger.overrideLogger(capturingLogger);

/** Anything shaped like a compact JWS: the tenant JWT, the connector token, the app's login token. */
const JWT_SHAPE = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

/** The library's line for each URL it issues, with the token cut out of the URL. */
const SIGNED_URL_LINE =
  /^Signed (?:an install URL|a marketplace URL)\b.*[?&]tenant=\[redacted\]/;

const isSignedUrlLine = (entry: CapturedLogEntry): boolean =>
  entry.level === 'debug' &&
  entry.context === 'PandiumEmbedService' &&
  SIGNED_URL_LINE.test(entry.message);

const LEAKS_SHOWN = 10;

/**
 * The first entries that contain `needle`, shown without it so the failure message does not print it
 * again, and how many more there are.
 */
function leaksOf(needle: string | RegExp, label: string): string[] {
  const found = (text: string): boolean =>
    typeof needle === 'string'
      ? text.includes(needle)
      : new RegExp(needle.source).test(text);
  const leaks = capturingLogger.entries.filter(({ text }) => found(text));
  const shown = leaks
    .slice(0, LEAKS_SHOWN)
    .map(({ text }) => text.replaceAll(needle, `<${label}>`).slice(0, 500));
  return leaks.length > LEAKS_SHOWN
    ? [...shown, `… and ${leaks.length - LEAKS_SHOWN} more`]
    : shown;
}

afterAll(() => {
  const problems = [
    ...leaksOf(JWT_SHAPE, 'JWT'),
    ...leaksOf(TEST_PANDIUM_SECRET, 'TEST_PANDIUM_SECRET'),
    ...leaksOf(TEST_APP_AUTH_SECRET, 'TEST_APP_AUTH_SECRET'),
  ];

  // The checks above would pass on an empty capture: each signed URL served must have left its debug line
  // (at least one line per 200: a HEAD request, or a client that hangs up, is signed without a 200 counted).
  const signedUrlLines = capturingLogger.entries.filter(isSignedUrlLine);
  const served = capturingLogger.signedUrlResponses;
  if (signedUrlLines.length < served) {
    problems.push(
      `${served} signed URLs served, but only ${signedUrlLines.length} "Signed … tenant=[redacted]" debug ` +
        'lines captured from PandiumEmbedService: is every app logging into capturingLogger at every level?',
    );
  }

  expect(problems).toEqual([]);
});
