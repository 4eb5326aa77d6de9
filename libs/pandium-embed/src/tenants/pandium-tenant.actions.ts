import type { OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { createHmac, randomUUID } from 'node:crypto';
import type {
  PandiumIntegrationActions,
  PandiumSyncResult,
} from '../core/pandium-integration-actions.interface.js';
import type { PandiumStatusSource } from '../core/pandium-integration-status.interface.js';
import { describeWithCause } from '../errors/describe-thrown.util.js';
import { PandiumApiError } from '../errors/pandium-api.error.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import type { PandiumSecret } from '../options/pandium.secret.js';
import type { PandiumTenantsClient } from './pandium-tenants.client.js';
import { apiKeyRefusedAdvice } from './api-key-refused.util.js';

/** The logger context of the audit lines, one per action. */
const PANDIUM_AUDIT_CONTEXT = 'PandiumIntegrationAudit';

/** What an action is called in its audit line. */
type ActionName = 'sync' | 'uninstall';

/** An integration id shown as it is in an audit line; any other is shown quoted (a direct service call may pass one). */
const PLAIN_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** How many hex characters of the keyed hash name a user in audit lines (64 bits). */
const USER_KEY_LENGTH = 16;

/**
 * The run and uninstall actions on Pandium's tenant API. Each finds the user's live tenant of the integration first
 * (asked of Pandium, never from the status cache), then calls Pandium, then drops the user's cached statuses, and
 * logs one audit line (context {@link PANDIUM_AUDIT_CONTEXT}): the action, the user key, the integration id, the
 * tenant id and the outcome (`ok`, `no-tenant`, `failed <code>` with the cause and a correlation id).
 *
 * The user key is `u:` and the first 16 hex characters of an HMAC-SHA256 of the `sub`, keyed with the API key: a
 * `sub` may be an e-mail address, which stays out of the log, while whoever holds the key can compute a user's key
 * to search the audit lines. No key, token or JWT is ever logged.
 *
 * @internal
 */
export class PandiumTenantActions
  implements PandiumIntegrationActions, OnApplicationShutdown
{
  private readonly logger = new Logger(PANDIUM_AUDIT_CONTEXT);
  private readonly shutdown = new AbortController();

  constructor(
    private readonly client: PandiumTenantsClient,
    private readonly statusSource: PandiumStatusSource | null,
    private readonly auditKey: PandiumSecret,
  ) {}

  async sync(
    userName: string,
    integrationId: string,
  ): Promise<PandiumSyncResult> {
    const triggerId = await this.act('sync', userName, integrationId, (id) =>
      this.client.sync(id, this.shutdown.signal),
    );
    return { triggerId };
  }

  async uninstall(userName: string, integrationId: string): Promise<void> {
    await this.act('uninstall', userName, integrationId, (id) =>
      this.client.archive(id, this.shutdown.signal),
    );
  }

  onApplicationShutdown(): void {
    this.shutdown.abort();
  }

  /** Finds the tenant, calls Pandium on it, drops the user's statuses; one audit line whatever happens. */
  private async act<T>(
    action: ActionName,
    userName: string,
    integrationId: string,
    call: (tenantId: number) => Promise<T>,
  ): Promise<T> {
    const shownId = PLAIN_ID.test(integrationId)
      ? integrationId
      : JSON.stringify(integrationId.slice(0, 64));
    const audit = `${action} user=${this.userKey(userName)} integration=${shownId}`;
    let tenantId: number | undefined;
    try {
      tenantId = await this.client.findLiveTenant(
        userName,
        integrationId,
        this.shutdown.signal,
      );
      if (tenantId === undefined) {
        this.logger.log(`${audit} tenant=none outcome=no-tenant`);
        throw PandiumHttpException.of(PandiumErrorCode.TENANT_NOT_FOUND);
      }
      const result = await call(tenantId);
      await this.statusSource?.forget(userName);
      this.logger.log(`${audit} tenant=${tenantId} outcome=ok`);
      return result;
    } catch (error) {
      if (error instanceof PandiumHttpException) {
        throw error;
      }
      const line = `${audit} tenant=${tenantId ?? 'none'}`;
      if (
        tenantId !== undefined &&
        error instanceof PandiumApiError &&
        error.status === 404
      ) {
        // The tenant vanished between the list and the call (archived meanwhile): the user no longer has it.
        await this.statusSource?.forget(userName);
        this.logger.log(`${line} outcome=no-tenant (Pandium answered 404)`);
        throw PandiumHttpException.of(PandiumErrorCode.TENANT_NOT_FOUND);
      }
      throw this.failure(line, error);
    }
  }

  /** Logs the failed action with its cause under a fresh correlation id, and makes the answer with that id. */
  private failure(line: string, error: unknown): PandiumHttpException {
    const correlationId = randomUUID();
    const apiError = error instanceof PandiumApiError ? error : undefined;
    const answer =
      apiError?.status === 429
        ? PandiumHttpException.apiBusy(
            correlationId,
            apiError.retryAfterSeconds ?? 1,
          )
        : PandiumHttpException.of(
            apiError?.reason === 'timeout'
              ? PandiumErrorCode.API_TIMEOUT
              : PandiumErrorCode.API_FAILED,
            correlationId,
          );
    this.logger.error(
      `${line} outcome=failed ${answer.code} (${describeWithCause(error)})${apiKeyRefusedAdvice(error)} ` +
        `[correlationId ${correlationId}]`,
    );
    return answer;
  }

  /** The user as audit lines name them: a keyed hash of the `sub`, never the `sub` itself. */
  private userKey(userName: string): string {
    const hash = createHmac('sha256', this.auditKey.reveal())
      .update(`pandium-embed audit user\0${userName}`)
      .digest('hex');
    return `u:${hash.slice(0, USER_KEY_LENGTH)}`;
  }
}
