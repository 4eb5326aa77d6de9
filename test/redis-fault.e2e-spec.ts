// Redis faults under load, with a real redis-server: frozen (SIGSTOP, then SIGCONT) and killed (then restarted
// empty on the same port) while two example-app instances issue and redeem launch tickets and sign URLs. What must
// hold: every answer during the fault is a 503 (never a 500, never a redirect), the instances recover within a few
// seconds of Redis returning, no ticket redirects twice, and nothing the client was told failed takes effect later
// (a frozen Redis runs the commands that piled up in its input when it resumes).
import type { INestApplication } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisLaunchTicketStore } from 'pandium-embed/redis';
import type { App } from 'supertest/types.js';
import type { HttpAdapterName } from '../src/http-adapter.js';
import {
  createExampleApp,
  DEMO_PASSWORD,
  HTTP_ADAPTERS,
} from './support/example-app.js';
import {
  REDIS_HOOK_TIMEOUT_MS,
  redisClientOf,
  startRedisServer,
} from './support/redis-server.js';
import type { RedisServer } from './support/redis-server.js';

/** The signing budget's counter of the one user of these tests, as `RedisRateLimitStore` keys it. */
const USER_COUNTER = 'pandium-embed:rate:pandium-embed:user:usr_2001';
const TICKET_KEYS = 'pandium-embed:ticket:*';

/** How often, and how far apart, a test asks an instance again after Redis returned. Counts, not a timed claim. */
const RECOVERY_ATTEMPTS = 80;
const RECOVERY_PAUSE_MS = 250;
/** Room for the recovery polls and the one-second command timeouts on a busy machine. */
const TEST_TIMEOUT_MS = 90_000;

interface Reply {
  /** The instance, method and path, for failure messages. */
  request: string;
  status: number;
  location: string | null;
  /** The error code of a JSON error body, if any. */
  code?: string;
  /** The path of a launch URL from a 201. */
  launchUrl?: string;
}

/** One listening instance of the example app. */
interface Instance {
  name: string;
  app: INestApplication<App>;
  origin: string;
}

async function startInstance(
  name: string,
  adapter: HttpAdapterName,
  env: Record<string, string>,
  options: Parameters<typeof createExampleApp>[1] = {},
): Promise<Instance> {
  const app = await createExampleApp(env, { ...options, adapter });
  await app.listen(0, '127.0.0.1');
  return {
    name,
    app,
    origin: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
  };
}

/** One request, its redirect not followed. */
async function send(
  instance: Instance,
  method: 'GET' | 'POST',
  path: string,
  accessToken?: string,
  body?: object,
): Promise<Reply> {
  const res = await fetch(`${instance.origin}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(accessToken === undefined
        ? {}
        : { Authorization: `Bearer ${accessToken}` }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json')
    ? (JSON.parse(text) as { code?: string; launchUrl?: string })
    : {};
  return {
    request: `${instance.name} ${method} ${path.replace(/launch\/.*/, 'launch/…')}`,
    status: res.status,
    location: res.headers.get('location'),
    code: json.code,
    launchUrl: json.launchUrl,
  };
}

/** Asks again (at most RECOVERY_ATTEMPTS times) until the answer is no longer a 503: that answer. */
async function untilNot503(ask: () => Promise<Reply>): Promise<Reply> {
  let reply = await ask();
  for (
    let attempt = 1;
    reply.status === 503 && attempt < RECOVERY_ATTEMPTS;
    attempt += 1
  ) {
    await new Promise((resolve) => setTimeout(resolve, RECOVERY_PAUSE_MS));
    reply = await ask();
  }
  return reply;
}

async function login(instance: Instance): Promise<string> {
  const res = await fetch(`${instance.origin}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: 'john@globex.test',
      password: DEMO_PASSWORD,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Whether the user's signing budget counted this hit: every answer but the limiter's own 503. */
const counted = ({ status, code }: Reply): boolean =>
  !(status === 503 && code === 'PANDIUM_RATE_LIMIT_UNAVAILABLE');

const statusesOf = (replies: Reply[]): string[] =>
  replies.map(({ request, status }) => `${request} → ${status}`);

describe.each(HTTP_ADAPTERS)(
  'Redis faults under load, two example-app instances on %s (e2e)',
  (adapter) => {
    let redis: RedisServer;
    let admin: Redis;
    let bClient: Redis;
    /** Everything in Redis: launch tickets and rate-limit counters (the example app with REDIS_URL). */
    let a: Instance;
    /** Launch tickets in Redis, rate limits in its own memory: its redemptions reach Redis's `take` directly. */
    let b: Instance;
    let token: string;

    /** A's answers that the user's shared signing budget counts. */
    let onUserBudget: Reply[];
    /** The launch URLs answered 201, and how many redirects each one got. */
    let issued: Map<string, number>;

    const sign = async (path = '/pandium/marketplace-url'): Promise<Reply> => {
      const reply = await send(a, 'GET', path, token);
      onUserBudget.push(reply);
      return reply;
    };
    const issue = async (on: Instance): Promise<Reply> => {
      const reply = await send(on, 'POST', '/pandium/launch-tickets', token, {
        kind: 'install',
        integrationId: '3107',
      });
      if (on === a) {
        onUserBudget.push(reply);
      }
      if (reply.status === 201) {
        issued.set(reply.launchUrl!, 0);
      }
      return reply;
    };
    const redeem = async (on: Instance, launchUrl: string): Promise<Reply> => {
      const reply = await send(on, 'GET', launchUrl);
      if (reply.status === 302) {
        issued.set(launchUrl, (issued.get(launchUrl) ?? 0) + 1);
      }
      return reply;
    };
    const notRedeemed = (): number =>
      [...issued.values()].filter((redirects) => redirects === 0).length;

    beforeAll(async () => {
      redis = await startRedisServer();
      admin = redisClientOf(redis);
      bClient = redisClientOf(redis);
      a = await startInstance('A', adapter, { REDIS_URL: redis.url });
      b = await startInstance(
        'B',
        adapter,
        {},
        { launchTicketStore: new RedisLaunchTicketStore(bClient) },
      );
      token = await login(a);
    }, REDIS_HOOK_TIMEOUT_MS);

    beforeEach(async () => {
      await admin.flushall();
      onUserBudget = [];
      issued = new Map();
    });

    afterAll(async () => {
      await a?.app.close();
      await b?.app.close();
      admin?.disconnect();
      bClient?.disconnect();
      await redis?.stop();
    }, REDIS_HOOK_TIMEOUT_MS);

    it(
      'should answer 503 while Redis is frozen, recover once it resumes, and apply nothing it answered 503 to',
      async () => {
        const before = await Promise.all([
          ...Array.from({ length: 6 }, () => issue(a)),
          sign(),
        ]);
        expect(before.map(({ status }) => status)).toEqual([
          201, 201, 201, 201, 201, 201, 200,
        ]);
        const heldTickets = [...issued.keys()];

        redis.pause();
        const duringFault = await Promise.all([
          ...Array.from({ length: 8 }, (_, i) =>
            sign(
              i % 2 === 0
                ? '/pandium/marketplace-url'
                : '/pandium/integrations/3107/install-url',
            ),
          ),
          ...Array.from({ length: 4 }, () => issue(a)),
          // B's limiter is in memory: its tickets reach Redis's save, its redemptions Redis's take.
          ...Array.from({ length: 4 }, () => issue(b)),
          ...heldTickets.flatMap((launchUrl) => [
            redeem(b, launchUrl),
            redeem(b, launchUrl),
          ]),
        ]);
        redis.resume();

        expect(
          statusesOf(duringFault.filter(({ status }) => status !== 503)),
        ).toEqual([]);
        expect(duringFault.filter(({ location }) => location !== null)).toEqual(
          [],
        );

        // Recovery: A's limiter and B's ticket store answer again.
        expect((await untilNot503(() => sign())).status).toBe(200);
        const recoveredIssue = await untilNot503(() => issue(b));
        expect(recoveredIssue.status).toBe(201);
        expect((await redeem(b, recoveredIssue.launchUrl!)).status).toBe(302);

        // Nothing answered 503 was counted: the counter holds A's counted answers only.
        expect(Number(await admin.get(USER_COUNTER))).toBe(
          onUserBudget.filter(counted).length,
        );
        // No ticket whose save answered 503 appeared, none whose take answered 503 was consumed.
        expect(await admin.keys(TICKET_KEYS)).toHaveLength(notRedeemed());
        const afterFault = await Promise.all(
          heldTickets.map((launchUrl) => redeem(b, launchUrl)),
        );
        expect(afterFault.map(({ status }) => status)).toEqual(
          heldTickets.map(() => 302),
        );
        const again = await Promise.all(
          heldTickets.map((launchUrl) => redeem(a, launchUrl)),
        );
        expect(again.map(({ status }) => status)).toEqual(
          heldTickets.map(() => 410),
        );
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'should answer 503 while Redis is down, recover once it is back empty, and redirect no ticket twice',
      async () => {
        await Promise.all(Array.from({ length: 6 }, () => issue(a)));
        const heldTickets = [...issued.keys()];
        expect(heldTickets).toHaveLength(6);

        // Redemptions and signing under way when Redis dies: any honest answer, each ticket redirected at most once.
        const load = Promise.all([
          ...heldTickets.flatMap((launchUrl) => [
            redeem(a, launchUrl),
            redeem(b, launchUrl),
            redeem(a, launchUrl),
            redeem(b, launchUrl),
          ]),
          ...Array.from({ length: 6 }, () => sign()),
          issue(a),
          issue(b),
        ]);
        await redis.kill();
        const aroundKill = await load;
        expect(
          statusesOf(
            aroundKill.filter(
              ({ status }) => ![200, 201, 302, 410, 503].includes(status),
            ),
          ),
        ).toEqual([]);

        const whileDown = await Promise.all([
          ...Array.from({ length: 4 }, () => sign()),
          issue(a),
          issue(b),
          ...heldTickets.flatMap((launchUrl) => [
            redeem(a, launchUrl),
            redeem(b, launchUrl),
          ]),
        ]);
        expect(
          statusesOf(whileDown.filter(({ status }) => status !== 503)),
        ).toEqual([]);

        await redis.restart();
        // What the restarted Redis counts starts here: it came back empty.
        onUserBudget = [];

        expect((await untilNot503(() => sign())).status).toBe(200);
        const recoveredIssue = await untilNot503(() => issue(b));
        expect(recoveredIssue.status).toBe(201);
        expect((await redeem(a, recoveredIssue.launchUrl!)).status).toBe(302);

        // The tickets of before the restart are gone with it (410); none redirected twice, ever.
        const afterRestart = await Promise.all(
          heldTickets.flatMap((launchUrl) => [
            redeem(a, launchUrl),
            redeem(b, launchUrl),
          ]),
        );
        expect(afterRestart.map(({ status }) => status)).toEqual(
          afterRestart.map(() => 410),
        );
        expect(
          [...issued.entries()].filter(([, redirects]) => redirects > 1),
        ).toEqual([]);
        expect(Number(await admin.get(USER_COUNTER))).toBe(
          onUserBudget.filter(counted).length,
        );
      },
      TEST_TIMEOUT_MS,
    );
  },
);
