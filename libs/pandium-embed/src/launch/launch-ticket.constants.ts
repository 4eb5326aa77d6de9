/**
 * HKDF `info` of the launch-ticket MAC key, derived from the shared secret: every instance with the same secret
 * derives the same key, and it is never the secret itself. Changing it invalidates tickets in flight.
 *
 * @internal
 */
export const LAUNCH_TICKET_KEY_INFO = 'pandium-embed launch ticket v1';

/**
 * The longest string accepted as a launch ticket before any work is done on it (a ticket is 71 characters, within
 * Fastify's default 100-character route parameter).
 *
 * @internal
 */
export const MAX_LAUNCH_TICKET_LENGTH = 128;
