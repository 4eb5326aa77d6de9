import { Inject, Injectable } from '@nestjs/common';
import type { PandiumJsonValue } from '../core/pandium-claims.interface.js';
import { diagnosePandiumToken } from '../diagnosis/pandium-token.diagnosis.js';
import type {
  PandiumTokenDiagnosis,
  PandiumTokenProblem,
  PandiumUrlTarget,
} from '../diagnosis/pandium-token-diagnosis.interface.js';
import { JtiReplayCache } from './jti-replay.cache.js';
import { emulatorTenantId } from './emulator-tenant.store.js';
import { PANDIUM_EMULATOR_OPTIONS } from './pandium-emulator.constants.js';
import type {
  EmulatorApiIntegration,
  ResolvedPandiumEmulatorOptions,
} from './pandium-emulator-options.interface.js';

/** A tenant as Pandium's `pandium-save-sync` message names it. @internal */
export interface EmulatorTenant {
  id: number;
  name: string;
}

/** An integration the user could install from the marketplace page, with the tenant saving it would make. @internal */
export interface EmulatorOffer {
  integration: EmulatorApiIntegration;
  tenant: EmulatorTenant;
}

/** What the emulator makes of one request for an embedded page. @internal */
export interface EmulatorVerdict {
  /** 200 accepted, 400 no usable `?tenant=`, 404 an install page of an integration the account lacks, 401 refused. */
  status: 200 | 400 | 401 | 404;
  /** What the page was asked for (from the path, as routed). */
  target: PandiumUrlTarget;
  /** Every check's outcome: claims with `ti.xti.token` masked, problems with cause and fix. */
  diagnosis: PandiumTokenDiagnosis;
  /** Install page: the integration of the path, when the account has it. */
  integration?: EmulatorApiIntegration;
  /** Install page, accepted: the tenant a save would create. */
  tenant?: EmulatorTenant;
  /** Marketplace page, accepted: the integrations shown (`xti.hidden_integrations` left out). */
  offers?: EmulatorOffer[];
  /** Things worth knowing that Pandium would not refuse the token for. */
  notes: string[];
}

type JsonObject = { [key: string]: PandiumJsonValue };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The field of the problem that refuses an install page of an integration the account does not have. */
const UNKNOWN_INTEGRATION_FIELD = 'integration_id';

/** The diagnosis, refused: the path's integration is not one of the account's, so Pandium has no install flow. */
function withUnknownIntegration(
  diagnosis: PandiumTokenDiagnosis,
  target: PandiumUrlTarget,
): PandiumTokenDiagnosis {
  const problem: PandiumTokenProblem = {
    code: 'integration-mismatch',
    severity: 'error',
    field: UNKNOWN_INTEGRATION_FIELD,
    message: `integration ${JSON.stringify(target.integrationId ?? '')} is not one of this account's integrations`,
    cause:
      "the catalog signs an id that is not in the account's GET /v2/integrations: Pandium has no install flow for it",
    fix: "use Pandium's numeric integration id (GET /v2/integrations) in the catalog entry",
  };
  return {
    ...diagnosis,
    valid: false,
    problems: [...diagnosis.problems, problem],
  };
}

/**
 * Checks each embedded-page request as Pandium would, with `diagnosePandiumToken` (jose, not the library's
 * signer): exact header, HS256 with the shared secret, `iat`/`exp` within the skew allowance, a `jti` not seen
 * before, required claims and their types, the account of the path, and for installs an integration of the account
 * and its names. A `jti` is remembered only once the token is otherwise accepted.
 *
 * @internal
 */
@Injectable()
export class PandiumEmulatorVerifier {
  private readonly jtis: JtiReplayCache;

  /** The `jti`s of tokens already used for a save: each page's token saves once. */
  private readonly savedJtis: JtiReplayCache;

  constructor(
    @Inject(PANDIUM_EMULATOR_OPTIONS)
    private readonly options: ResolvedPandiumEmulatorOptions,
  ) {
    this.jtis = new JtiReplayCache(options.maxRememberedJtis);
    this.savedJtis = new JtiReplayCache(options.maxRememberedJtis);
  }

  /**
   * @param requestUrl the request's path and query, as received (`/<account>?tenant=…`). Never logged.
   * @param target what the path routes to.
   * @param save the install page's Save posted the token back: its `jti` was seen on the page load, so it is
   * checked against the tokens already used for a save instead (each page saves once).
   */
  async verify(
    requestUrl: string,
    target: PandiumUrlTarget,
    { save = false }: { save?: boolean } = {},
  ): Promise<EmulatorVerdict> {
    const { account, clock, clockSkewSeconds, sharedSecret } = this.options;
    const jtis = save ? this.savedJtis : this.jtis;
    const integration =
      target.kind === 'install'
        ? this.integrationById(target.integrationId)
        : undefined;
    const now = clock.now();
    // The jti this request holds in the cache while it is checked, if any.
    const hold: { jti?: string } = {};
    let diagnosis: PandiumTokenDiagnosis | undefined;
    try {
      diagnosis = await diagnosePandiumToken(requestUrl, {
        secret: sharedSecret,
        expectedAccount: account,
        expectedIntegration:
          integration === undefined
            ? undefined
            : {
                integrationName: integration.name,
                connectorName: integration.connectors[0].name,
              },
        now,
        clockSkewSeconds,
        isReplay: (jti) => {
          const seen = jtis.checkAndHold(jti, now);
          hold.jti = seen ? undefined : jti;
          return seen;
        },
      });
      if (target.kind === 'install' && integration === undefined) {
        diagnosis = withUnknownIntegration(diagnosis, target);
      }
    } finally {
      if (hold.jti !== undefined) {
        jtis.release(
          hold.jti,
          clock.now(),
          diagnosis?.valid === true
            ? this.rememberUntil(diagnosis.claims)
            : undefined,
        );
      }
    }
    return this.verdict(target, diagnosis, integration);
  }

  private verdict(
    target: PandiumUrlTarget,
    diagnosis: PandiumTokenDiagnosis,
    integration: EmulatorApiIntegration | undefined,
  ): EmulatorVerdict {
    const notes: string[] = [];
    if (!diagnosis.valid) {
      // A URL that could not be read (no or several `tenant`s) is a bad request; an install page of an integration
      // the account does not have is not found; anything else is refused.
      const codes = diagnosis.problems.map(
        ({ code, field }) => `${code} ${field}`,
      );
      const status = codes.includes('malformed url')
        ? 400
        : codes.includes(`integration-mismatch ${UNKNOWN_INTEGRATION_FIELD}`)
          ? 404
          : 401;
      return {
        status,
        target: diagnosis.target ?? target,
        diagnosis,
        integration,
        notes,
      };
    }
    const claims = diagnosis.claims ?? {};
    const sub = typeof claims.sub === 'string' ? claims.sub : '';
    const ti = isObject(claims.ti) ? claims.ti : {};
    const organization = typeof ti.udn === 'string' ? ti.udn : sub;
    const verdict: EmulatorVerdict = {
      status: 200,
      target: diagnosis.target ?? target,
      diagnosis,
      integration,
      notes,
    };
    if (target.kind === 'install') {
      const xti = isObject(ti.xti) ? ti.xti : {};
      const name =
        typeof xti.integration_name === 'string'
          ? xti.integration_name
          : (integration?.name ?? String(target.integrationId));
      verdict.tenant = this.tenantFor(
        sub,
        target.integrationId ?? '',
        name,
        organization,
      );
    } else {
      const xti = isObject(ti.xti) ? ti.xti : {};
      const hidden = new Set(
        Array.isArray(xti.hidden_integrations)
          ? xti.hidden_integrations.map(String)
          : [],
      );
      verdict.offers = this.options.integrations
        .filter(({ id }) => !hidden.has(String(id)))
        .map((offered) => ({
          integration: offered,
          tenant: this.tenantFor(
            sub,
            String(offered.id),
            offered.name,
            organization,
          ),
        }));
      if (hidden.size > 0) {
        notes.push(
          `xti.hidden_integrations hides ${[...hidden].join(', ')} from this marketplace.`,
        );
      }
    }
    return verdict;
  }

  /** The account's integration with this id (ids in paths are strings of digits). */
  private integrationById(
    id: string | undefined,
  ): EmulatorApiIntegration | undefined {
    return this.options.integrations.find(
      (integration) => String(integration.id) === id,
    );
  }

  /**
   * Until when an accepted `jti` is remembered: its `exp` plus the skew allowance, in milliseconds. A token without
   * `exp` (Pandium takes it, as its example has none) never expires: its `jti` is kept until the cache is full.
   */
  private rememberUntil(claims: JsonObject | undefined): number {
    const exp = claims?.exp;
    return typeof exp === 'number'
      ? (exp + this.options.clockSkewSeconds) * 1000
      : Number.POSITIVE_INFINITY;
  }

  /** The tenant a save would create or re-connect (the store's id for this user and integration). */
  private tenantFor(
    sub: string,
    integrationId: string,
    integrationName: string,
    organization: string,
  ): EmulatorTenant {
    return {
      id: emulatorTenantId(this.options.account, sub, integrationId),
      name: `${integrationName} for ${organization}`,
    };
  }
}
