import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, NotFoundException } from '@nestjs/common';
import type { EmulatorResponse } from './emulator-http.interface.js';

/** What the emulator serves, for the answer to anything else. */
const NOT_FOUND_MESSAGE =
  'The Pandium embed emulator serves GET and POST /<account>/tenants/create/<integration_id>, ' +
  "GET /<account>?tenant=<jwt>, Pandium's REST API under /v2 (integrations, tenants, runs) and " +
  'GET /__emulator/admin only.';

/**
 * The answer for a path the emulator does not serve. Nest's own ("Cannot GET /acme/tenants/create?tenant=eyJ…")
 * repeats the request URL, and with it the signed token; this one names neither the path nor the query.
 *
 * @internal
 */
@Catch(NotFoundException)
export class PandiumEmulatorNotFoundFilter implements ExceptionFilter {
  catch(_exception: NotFoundException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<EmulatorResponse>().status(404).json({
      statusCode: 404,
      error: 'Not Found',
      message: NOT_FOUND_MESSAGE,
    });
  }
}
