// The emulator runs on Express (@nestjs/platform-express, an optional peer). These are the few parts of Express's
// request and response it uses, typed here so the library's declarations never name Express's own types, which a
// host without @types/express could not resolve.

/**
 * The parts of an Express request the emulator reads.
 *
 * @internal
 */
export interface EmulatorRequest {
  /** The path and query as received (`/<account>?tenant=…`). Never logged: it carries the token. */
  readonly originalUrl: string;
  /** The parsed body (urlencoded forms, JSON), when there is one. */
  readonly body?: unknown;
  /** The best of `types` for the `Accept` header, or false. */
  accepts(types: string[]): string | false;
  /** A request header. */
  get(name: string): string | undefined;
}

/**
 * The parts of an Express response the emulator writes.
 *
 * @internal
 */
export interface EmulatorResponse {
  status(code: number): EmulatorResponse;
  set(headers: Record<string, string>): EmulatorResponse;
  vary(field: string): EmulatorResponse;
  type(type: string): EmulatorResponse;
  json(body: unknown): unknown;
  send(body: string): unknown;
  redirect(status: number, url: string): unknown;
}
