import type { Logger } from '@nestjs/common';
import type {
  PandiumCatalogEntry,
  PandiumStatusSource,
} from './pandium-integration-status.interface.js';
import type {
  PandiumIntegrationActions,
  PandiumSyncResult,
} from './pandium-integration-actions.interface.js';
import { withStatuses } from './catalog-status.util.js';
import type { PandiumStrategyCaller } from './strategy-caller.util.js';
import type { PandiumStrategyOutputs } from './pandium-strategy.outputs.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { logCorrelatedError } from '../errors/correlated-error.util.js';
import { API_KEY_MISSING_LOG } from '../errors/pandium-error.messages.js';

/**
 * The work of `PandiumEmbedService`'s lifecycle methods (the catalog with statuses, run, uninstall, refresh), which
 * the service runs in their spans when telemetry is on. Documented on the service's methods.
 *
 * @typeParam TUser the host app's authenticated user.
 * @internal
 */
export class PandiumIntegrationLifecycle<TUser> {
  constructor(
    private readonly logger: Logger,
    private readonly strategies: PandiumStrategyCaller,
    private readonly outputs: PandiumStrategyOutputs<TUser>,
    private readonly statusSource: PandiumStatusSource | null,
    private readonly actions: PandiumIntegrationActions | null,
  ) {}

  /** The user's catalog, with their statuses when there is a status source. */
  async list(user: TUser): Promise<PandiumCatalogEntry[]> {
    const source = this.statusSource;
    const [{ integrations }, statuses] = await this.strategies.withDeadline(
      (deadline) =>
        Promise.all([
          this.outputs.checkedCatalog(user, deadline),
          source === null
            ? undefined
            : this.outputs
                .subOf(user, deadline)
                .then((sub) => source.statusesFor(sub)),
        ]),
    );
    // Fresh copies: the checked entries are shared by every request for the same catalog array.
    return source === null
      ? integrations.map((integration) => ({ ...integration }))
      : withStatuses(integrations, statuses);
  }

  /** Starts a run of the user's live tenant of this integration (in their catalog). */
  async run(user: TUser, integrationId: string): Promise<PandiumSyncResult> {
    const actions = this.requireActions();
    const [integration, sub] = await this.strategies.withDeadline((deadline) =>
      Promise.all([
        this.outputs.findIntegration(user, integrationId, deadline),
        this.outputs.subOf(user, deadline),
      ]),
    );
    return actions.sync(sub, integration.id);
  }

  /** Archives the user's live tenant of this integration. */
  async uninstall(user: TUser, integrationId: string): Promise<void> {
    const actions = this.requireActions();
    await actions.uninstall(await this.outputs.subWithin(user), integrationId);
  }

  /** Drops the user's cached statuses (at most once per user per interval); nothing without a status source. */
  async refresh(user: TUser): Promise<void> {
    const source = this.statusSource;
    if (source === null) {
      return;
    }
    await source.refresh(await this.outputs.subWithin(user));
  }

  /** The actions, or the logged 501 that says an `apiKey` is needed. */
  private requireActions(): PandiumIntegrationActions {
    if (this.actions === null) {
      throw PandiumHttpException.of(
        PandiumErrorCode.API_KEY_MISSING,
        logCorrelatedError(this.logger, API_KEY_MISSING_LOG),
      );
    }
    return this.actions;
  }
}
