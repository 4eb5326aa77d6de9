// Every e2e app logs into this capture instead of the console (see createExampleApp), at every level, so
// test/support/log-check.setup.ts can prove after each file that no secret or token reached a log line.
import type { LoggerService, LogLevel } from '@nestjs/common';
import { inspect } from 'node:util';

/** One call to the logger, with every argument turned into text. */
export interface CapturedLogEntry {
  level: LogLevel;
  /** The last string argument, which is where Nest's `Logger` puts its context (the class name). */
  context: string | undefined;
  /** The message. */
  message: string;
  /** The message and every other argument (stacks, objects, context), as one line of text. */
  text: string;
}

/** Errors with their stack and own properties (a `cause`, a response body), anything else fully expanded. */
function textOf(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  return inspect(value, {
    depth: null,
    maxArrayLength: null,
    maxStringLength: null,
    breakLength: Infinity,
    showHidden: value instanceof Error,
  });
}

/**
 * A Nest `LoggerService` that keeps every call in memory. It ignores `setLogLevels`: whatever level an app
 * or a test asks for, debug and verbose lines are captured too, since those are where a token would slip.
 */
export class CapturingLogger implements LoggerService {
  readonly entries: CapturedLogEntry[] = [];

  /**
   * 200 answers from a route that signs a token, and 302s from a launch route to a signed URL, counted at the
   * HTTP layer by createExampleApp, so the setup file can tell whether the library's "Signed …" debug line ought
   * to be in the capture.
   */
  signedUrlResponses = 0;

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.capture('log', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.capture('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.capture('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.capture('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.capture('verbose', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.capture('fatal', message, optionalParams);
  }

  setLogLevels(_levels: LogLevel[]): void {
    // Every level stays captured.
  }

  /** Everything captured so far, one entry a line. */
  text(): string {
    return this.entries.map((entry) => entry.text).join('\n');
  }

  /** A position in the capture, for {@link since}. */
  mark(): number {
    return this.entries.length;
  }

  /** The entries captured after `mark`, of one level if given. */
  since(mark: number, level?: LogLevel): CapturedLogEntry[] {
    return this.entries
      .slice(mark)
      .filter((entry) => level === undefined || entry.level === level);
  }

  private capture(
    level: LogLevel,
    message: unknown,
    optionalParams: unknown[],
  ): void {
    const last = optionalParams.at(-1);
    const context = typeof last === 'string' ? last : undefined;
    const texts = [message, ...optionalParams]
      .filter((value) => value !== undefined)
      .map(textOf);
    this.entries.push({
      level,
      context,
      message: textOf(message),
      text: `[${level}] ${texts.join(' | ')}`,
    });
  }
}

/**
 * The capture of the current test file. Jest gives each test file its own module registry, so each file
 * (with the setup file that checks it) sees its own instance.
 */
export const capturingLogger = new CapturingLogger();
