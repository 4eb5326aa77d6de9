import type { OnModuleDestroy } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PANDIUM_EMULATOR_OPTIONS } from './pandium-emulator.constants.js';
import type {
  EmulatorRun,
  EmulatorTenantRecord,
} from './emulator-tenant.interface.js';
import type { ResolvedPandiumEmulatorOptions } from './pandium-emulator-options.interface.js';

/** The notifications the emulator sends. @internal */
export type EmulatorWebhookEvent =
  'tenant_created' | 'tenant_archived' | 'run_failed';

/** The `environment` field of the emulator's notifications: it stands in for a sandbox account. */
const WEBHOOK_ENVIRONMENT = 'sandbox';

/**
 * A stable numeric account id for the account slug (Pandium's `account_id` is an integer; the emulator has only
 * the slug). 31 bits.
 *
 * @internal
 */
export function emulatorAccountId(account: string): number {
  return (
    Number.parseInt(
      createHash('sha256').update(account).digest('hex').slice(0, 8),
      16,
    ) & 0x7fffffff
  );
}

/**
 * Posts Pandium's webhook notifications to `webhookUrl` as JSON: unsigned and sent once, as Pandium's are (no
 * signature and no retries are documented). A delivery that fails is logged, without the URL (which may carry a
 * secret), and not retried. Does nothing without a `webhookUrl`.
 *
 * @internal
 */
@Injectable()
export class EmulatorWebhookSender implements OnModuleDestroy {
  private readonly logger = new Logger('PandiumEmbedEmulator');

  /** Deliveries under way, so closing the emulator can wait for them. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(PANDIUM_EMULATOR_OPTIONS)
    private readonly options: ResolvedPandiumEmulatorOptions,
  ) {}

  /** The notification's body: the fields every payload has, the tenant's, and the run's for `run_failed`. */
  payload(
    event: EmulatorWebhookEvent,
    tenant: EmulatorTenantRecord,
    run?: EmulatorRun,
  ): Record<string, string | number> {
    return {
      event_type: event,
      environment: WEBHOOK_ENVIRONMENT,
      account_id: emulatorAccountId(this.options.account),
      account_name: this.options.account,
      timestamp: new Date(this.options.clock.now()).toISOString(),
      tenant_id: tenant.id,
      tenant_name: tenant.name,
      integration_id: tenant.integrationId,
      integration_name: tenant.integrationName,
      ...(run === undefined
        ? {}
        : { run_id: run.id, run_status: run.status.phase }),
    };
  }

  /** Sends the notification once, in the background. */
  send(
    event: EmulatorWebhookEvent,
    tenant: EmulatorTenantRecord,
    run?: EmulatorRun,
  ): void {
    const url = this.options.webhookUrl;
    if (url === undefined) {
      return;
    }
    const delivery = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.payload(event, tenant, run)),
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    })
      .then(async (response) => {
        await response.body?.cancel();
        if (!response.ok) {
          this.logger.warn(
            `Webhook ${event} answered ${response.status}: not sent again (Pandium does not retry).`,
          );
        }
      })
      .catch((error: unknown) => {
        this.logger.warn(
          `Webhook ${event} could not be delivered (${(error as Error).name}): not sent again.`,
        );
      })
      .finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  /** Waits for the deliveries under way: closing the emulator leaves none half sent. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
