import { Logger, NotFoundException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { describeWithCause } from '../errors/describe-thrown.util.js';
import { countWebhookReceived } from '../telemetry/pandium-event.telemetry.js';
import { PandiumErrorCode } from '../errors/pandium-error.codes.js';
import { PandiumHttpException } from '../errors/pandium-http.exception.js';
import { WEBHOOK_BODY } from './pandium-webhook-body.reader.js';
import type { WebhookBody } from './pandium-webhook-body.reader.js';
import type { PandiumWebhookDeliveryStore } from './pandium-webhook-delivery-store.interface.js';
import type { PandiumWebhookDispatcher } from './pandium-webhook.dispatcher.js';
import type { PandiumWebhookEvent } from './pandium-webhook-event.interface.js';
import { parsePandiumWebhook } from './pandium-webhook.payload.js';
import type { PandiumWebhookSecretMatcher } from './pandium-webhook-secret.matcher.js';

/** `application/json`, with or without parameters (`; charset=utf-8`). */
const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Accepts one webhook delivery or refuses it: a wrong secret answers `404` as an unknown path does, a body over
 * 64 KiB `413`, anything but a JSON notification `400`. An accepted delivery that was seen within the window is
 * acknowledged and dropped; a new one is handed to the dispatcher, which runs once the answer is sent.
 *
 * @internal
 */
export class PandiumWebhookReceiver {
  private readonly logger = new Logger('PandiumWebhooks');

  constructor(
    private readonly secrets: PandiumWebhookSecretMatcher,
    private readonly store: PandiumWebhookDeliveryStore,
    private readonly dispatcher: PandiumWebhookDispatcher,
    private readonly windowMs: number,
  ) {}

  /**
   * @param request the Node request (Express's request, Fastify's `request.raw`).
   * @param answered resolves once the answer is sent: the dispatch waits for it.
   * @throws {NotFoundException} for a wrong secret, like any unknown path.
   * @throws {PandiumHttpException} 413 for a body over 64 KiB, 400 for anything but a JSON notification.
   */
  async accept(
    secret: string,
    request: IncomingMessage,
    answered: Promise<void>,
  ): Promise<void> {
    if (!this.secrets.matches(secret)) {
      countWebhookReceived(undefined, 'rejected');
      throw new NotFoundException(`Cannot POST ${request.url}`);
    }
    let event: PandiumWebhookEvent;
    try {
      event = this.read(request);
    } catch (error) {
      countWebhookReceived(undefined, 'invalid');
      throw error;
    }
    const correlationId = randomUUID();
    if (!(await this.isFirst(event, correlationId))) {
      countWebhookReceived(event.type, 'duplicate');
      return;
    }
    countWebhookReceived(event.type, 'accepted');
    this.dispatcher.dispatch(event, correlationId, answered);
  }

  private read(request: IncomingMessage): PandiumWebhookEvent {
    const body = (request as { [WEBHOOK_BODY]?: WebhookBody })[WEBHOOK_BODY];
    if (body === undefined) {
      throw PandiumHttpException.requestInvalid('The body could not be read.');
    }
    if (body.bytes === undefined) {
      throw PandiumHttpException.of(PandiumErrorCode.REQUEST_TOO_LARGE);
    }
    if (!JSON_MEDIA_TYPE.test(body.contentType ?? '')) {
      throw PandiumHttpException.requestInvalid(
        'A webhook delivery must be sent as application/json.',
      );
    }
    const { event, problem } = parsePandiumWebhook(body.bytes);
    if (problem !== undefined) {
      throw PandiumHttpException.requestInvalid(problem);
    }
    return event;
  }

  /** Whether the delivery is not a repeat; a store that fails lets it through (logged), since Pandium never resends. */
  private async isFirst(
    event: PandiumWebhookEvent,
    correlationId: string,
  ): Promise<boolean> {
    try {
      return await this.store.remember(event.deliveryId, this.windowMs);
    } catch (error) {
      this.logger.warn(
        `The webhook delivery store failed (${describeWithCause(error)}): the delivery is dispatched without ` +
          `de-duplication. [correlationId ${correlationId}]`,
      );
      return true;
    }
  }
}
