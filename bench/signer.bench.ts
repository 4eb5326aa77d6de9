// Signer throughput, in one process, interleaved: every round runs each contender for the same time slice, in an
// order rotated per round, and the median of the rounds is reported. Contenders:
//   signer    PandiumJwtSigner.sign(claims, xti), as PandiumEmbedModule builds it: through JwtService from
//             @nestjs/jwt (jsonwebtoken underneath), the secret a KeyObject
//   baseline  a hand-written node:crypto HS256 JWT: the physical limit for this payload
//   naive     jsonwebtoken.sign(payload, secretString), the snippet many teams write
// Each contender's token is verified once with jose before it is timed, so a broken contender cannot win.
//
// Run by run.ts; by hand (e.g. to profile): node --expose-gc --cpu-prof bench/dist/bench/signer.bench.js
//   [--rounds=5] [--round-ms=1000] [--warmup-ms=500] [--contenders=signer,baseline,naive]
import 'reflect-metadata';
import jsonwebtoken from 'jsonwebtoken';
import { createHmac, createSecretKey, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { PandiumUserClaims } from 'pandium-embed';
import { PandiumJwtSigner } from '../libs/pandium-embed/src/signing/pandium-jwt.signer.js';
import type { PandiumXtiBase } from '../libs/pandium-embed/src/signing/pandium-jwt.signer.js';
import { runAsChild } from './support/ipc.js';
import { createLibraryContext } from './support/library-context.js';
import {
  CONNECTOR_TOKEN,
  INSTALL_XTI,
  PANDIUM_HEADER_SEGMENT,
  benchClaims,
  expectedTenantInfo,
  verifyPandiumToken,
} from './support/payload.js';
import { BENCH_PANDIUM_SECRET, FULL_SETTINGS } from './support/settings.js';
import type { SignerSettings } from './support/settings.js';
import { CONTENDER_NAMES } from './support/results.js';
import type { ContenderName, SignerBenchResult } from './support/results.js';
import { median } from './support/stats.js';

interface Contender {
  name: ContenderName;
  description: string;
  sign: (claims: PandiumUserClaims, xti: PandiumXtiBase) => string;
}

/** Settings of the library's signer that the other contenders copy (defaults of the module). */
const TTL_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 5;

/** The payload exactly as PandiumJwtSigner lays it out: iat, exp, jti, ti, sub. */
function buildPayload(
  claims: PandiumUserClaims,
  xti: PandiumXtiBase,
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iat: now - CLOCK_SKEW_SECONDS,
    exp: now + TTL_SECONDS,
    jti: randomUUID(),
    ti: expectedTenantInfo(claims, xti),
    sub: claims.sub,
  };
}

async function createContenders(): Promise<{
  contenders: Contender[];
  close: () => Promise<void>;
}> {
  // The signer as the library wires it (its constructor is the library's business, not the benchmark's).
  const context = await createLibraryContext();
  const signer = context.get(PandiumJwtSigner);
  const key = createSecretKey(Buffer.from(BENCH_PANDIUM_SECRET, 'utf8'));

  const contenders: Contender[] = [
    {
      name: 'signer',
      description:
        'PandiumJwtSigner.sign(claims, xti): @nestjs/jwt JwtService, KeyObject',
      sign: (claims, xti) => signer.sign(claims, xti).token,
    },
    {
      name: 'baseline',
      description:
        'node:crypto: JSON.stringify → base64url → createHmac(sha256, KeyObject)',
      sign: (claims, xti) => {
        const body = Buffer.from(
          JSON.stringify(buildPayload(claims, xti)),
          'utf8',
        ).toString('base64url');
        const input = `${PANDIUM_HEADER_SEGMENT}.${body}`;
        const signature = createHmac('sha256', key)
          .update(input)
          .digest('base64url');
        return `${input}.${signature}`;
      },
    },
    {
      name: 'naive',
      description: 'jsonwebtoken.sign(payload, secretString)',
      sign: (claims, xti) =>
        jsonwebtoken.sign(buildPayload(claims, xti), BENCH_PANDIUM_SECRET),
    },
  ];
  return { contenders, close: () => context.close() };
}

/** Keeps the tokens observable, so no engine can drop the work that made them. */
let sink = 0;

/** Signs for `ms` milliseconds and answers signs per second. */
function measure(
  contender: Contender,
  claims: PandiumUserClaims,
  xti: PandiumXtiBase,
  ms: number,
): number {
  const batch = 32;
  const sign = contender.sign;
  let operations = 0;
  const start = performance.now();
  const deadline = start + ms;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < batch; i += 1) {
      sink += sign(claims, xti).length;
    }
    operations += batch;
    now = performance.now();
  }
  return (operations * 1000) / (now - start);
}

/** Collects the previous slice's garbage before the next slice, so no contender pays for another's. */
function collectGarbage(): void {
  globalThis.gc?.();
}

async function runSignerBench(
  settings: SignerSettings,
  names: readonly ContenderName[] = CONTENDER_NAMES,
): Promise<SignerBenchResult> {
  const { contenders: all, close } = await createContenders();
  const contenders = all.filter(({ name }) => names.includes(name));
  const claims = benchClaims();
  const xti = INSTALL_XTI;
  const expectedTi = expectedTenantInfo(claims, xti);

  const tokenLength = new Map<ContenderName, number>();
  for (const contender of contenders) {
    const token = contender.sign(claims, xti);
    try {
      await verifyPandiumToken(token, BENCH_PANDIUM_SECRET, {
        sub: claims.sub,
        ti: expectedTi,
      });
    } catch (error) {
      throw new Error(
        `contender "${contender.name}" signed a token that does not verify`,
        { cause: error },
      );
    }
    tokenLength.set(contender.name, token.length);
  }

  for (const contender of contenders) {
    collectGarbage();
    measure(contender, claims, xti, settings.warmupMs);
  }
  const rounds = new Map<ContenderName, number[]>(
    contenders.map(({ name }) => [name, []]),
  );
  for (let round = 0; round < settings.rounds; round += 1) {
    for (let i = 0; i < contenders.length; i += 1) {
      const contender = contenders[(round + i) % contenders.length];
      collectGarbage();
      rounds
        .get(contender.name)
        ?.push(measure(contender, claims, xti, settings.roundMs));
    }
  }
  await close();
  if (sink === 0) {
    throw new Error('no token was signed');
  }

  return {
    settings,
    connectorTokenLength: CONNECTOR_TOKEN.length,
    payloadJsonBytes: Buffer.byteLength(
      JSON.stringify(buildPayload(claims, xti)),
    ),
    contenders: contenders.map(({ name, description }) => {
      const values = rounds.get(name) ?? [];
      return {
        name,
        description,
        rounds: values,
        median: median(values),
        tokenLength: tokenLength.get(name) ?? 0,
      };
    }),
  };
}

function parseContenders(value: string | undefined): ContenderName[] {
  if (value === undefined) {
    return [...CONTENDER_NAMES];
  }
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter(
    (name) => !(CONTENDER_NAMES as readonly string[]).includes(name),
  );
  if (unknown.length > 0) {
    throw new Error(
      `unknown contender(s) ${unknown.join(', ')}; choose from ${CONTENDER_NAMES.join(', ')}`,
    );
  }
  return names as ContenderName[];
}

runAsChild(() => {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string' },
      'round-ms': { type: 'string' },
      'warmup-ms': { type: 'string' },
      contenders: { type: 'string' },
    },
  });
  const defaults = FULL_SETTINGS.signer;
  const settings: SignerSettings = {
    rounds: Number(values.rounds ?? defaults.rounds),
    roundMs: Number(values['round-ms'] ?? defaults.roundMs),
    warmupMs: Number(values['warmup-ms'] ?? defaults.warmupMs),
  };
  return runSignerBench(settings, parseContenders(values.contenders));
});
