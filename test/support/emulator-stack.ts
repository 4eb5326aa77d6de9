// The shipped emulator (pandium-embed/emulator) on a free loopback port, and the example app signing for it: what
// the emulator e2e suites (test/emulator*.e2e-spec.ts) run against.
import type { INestApplication } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { startPandiumEmulator } from 'pandium-embed/emulator';
import type {
  PandiumEmulator,
  PandiumEmulatorOptions,
} from 'pandium-embed/emulator';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { capturingLogger } from './capturing.logger.js';
import {
  createExampleApp,
  DEMO_INTEGRATIONS,
  signedUrlResponse,
  TEST_ACCOUNT,
  TEST_PANDIUM_SECRET,
} from './example-app.js';

/** The origin the emulator lets frame it; the example app under supertest has none of its own. */
export const HOST_ORIGIN = 'http://localhost:3000';
export const API_KEY = 'e2e-emulator-api-key';

/** The emulator and an example app pointed at it. */
export interface EmulatorStack {
  readonly emulator: PandiumEmulator;
  readonly app: INestApplication<App>;
  /** The options the emulator was started with (port 0, loopback), for starting another. */
  readonly options: PandiumEmulatorOptions;
  /** Moves the emulator's clock (not the app's) by this much; reset to 0 after each test. */
  clockOffsetMs: number;
  /** A supertest agent on the emulator. */
  server(): ReturnType<typeof request>;
  /** Loads a URL the app signed on the emulator, as the iframe would (path and query only). */
  open(url: string, accept?: string): request.Test;
  /** Another example app, pointed at the same emulator, with some variables changed. */
  otherApp(env: Record<string, string>): Promise<INestApplication<App>>;
  close(): Promise<void>;
}

/** Starts the stack; `extra` adds or overrides emulator options. */
export async function startEmulatorStack(
  extra: Partial<PandiumEmulatorOptions> = {},
): Promise<EmulatorStack> {
  const apps: INestApplication[] = [];
  const options: PandiumEmulatorOptions = {
    account: TEST_ACCOUNT,
    sharedSecret: TEST_PANDIUM_SECRET,
    hostOrigin: HOST_ORIGIN,
    apiKey: API_KEY,
    integrations: DEMO_INTEGRATIONS,
    port: 0,
    logger: capturingLogger,
    clock: { now: () => Date.now() + stack.clockOffsetMs },
    ...extra,
  };
  const emulator = await startPandiumEmulator(options);
  const server = () => request(emulator.origin);
  const app = await createExampleApp({
    PANDIUM_BASE_URL: emulator.origin,
  }).catch(async (error: unknown) => {
    // Nothing left listening when the app cannot start (Jest would wait for it).
    await emulator.close();
    throw error;
  });
  const stack: EmulatorStack = {
    emulator,
    app,
    options,
    clockOffsetMs: 0,
    server,
    open: (url, accept = 'text/html') => {
      if (!url.startsWith(`${emulator.origin}/`)) {
        throw new Error(`${url} is not on the emulator`);
      }
      const { pathname, search } = new URL(url);
      return server().get(`${pathname}${search}`).set('Accept', accept);
    },
    otherApp: async (env) => {
      const other = await createExampleApp({
        PANDIUM_BASE_URL: emulator.origin,
        ...env,
      });
      apps.push(other);
      return other;
    },
    close: async () => {
      await Promise.all([stack.app, ...apps].map((each) => each.close()));
      await emulator.close();
    },
  };
  return stack;
}

/** Signs in as a demo user and asks the example app for one of its signed URLs. */
export async function signedUrl(
  app: INestApplication<App>,
  path?: string,
  email?: string,
): Promise<string> {
  return (await signedUrlResponse(app, path, email)).url;
}

/** Signs a payload as the reference page describes, with Pandium's header and the shared secret. */
export function signByHand(
  payload: object,
  secret = TEST_PANDIUM_SECRET,
): string {
  const input = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** `frame-ancestors` of a CSP header. */
export function frameAncestorsOf(csp: string | undefined): string | undefined {
  return csp
    ?.split(';')
    .map((directive) => directive.trim())
    .find((directive) => directive.startsWith('frame-ancestors '))
    ?.slice('frame-ancestors '.length);
}
