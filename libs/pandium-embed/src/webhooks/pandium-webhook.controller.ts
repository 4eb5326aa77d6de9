import {
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PandiumWebhookReceiver } from './pandium-webhook.receiver.js';

/** What the receiver answers an accepted delivery. @internal */
export interface PandiumWebhookAck {
  accepted: true;
}

/** The Node objects under Express's request and response, or Fastify's. */
const raw = <T>(value: object): T => ((value as { raw?: T }).raw ?? value) as T;

/**
 * Pandium's notifications: `POST <prefix>/webhooks/<secret>`, `202 { accepted: true }` as soon as a delivery is
 * accepted; its handlers run after the answer. Behind no guard of the library's: the secret in the path is the
 * credential (exempt the route from a global authentication guard of your app).
 *
 * @internal
 */
@Controller()
export class PandiumWebhookController {
  constructor(
    @Inject(PandiumWebhookReceiver)
    private readonly receiver: PandiumWebhookReceiver,
  ) {}

  @Post('webhooks/:secret')
  @HttpCode(HttpStatus.ACCEPTED)
  async receive(
    @Param('secret') secret: string,
    @Req() request: object,
    @Res({ passthrough: true }) response: object,
  ): Promise<PandiumWebhookAck> {
    const node = raw<ServerResponse>(response);
    const answered = new Promise<void>((resolve) =>
      node.once('close', () => resolve()),
    );
    await this.receiver.accept(secret, raw<IncomingMessage>(request), answered);
    return { accepted: true };
  }
}
