/**
 * The shared secret the testing kit signs and verifies with. Known to everyone: never use it outside tests.
 *
 * @publicApi
 */
export const PANDIUM_TEST_SECRET =
  'pandium-embed-testing-secret-never-use-in-production';

/**
 * The time the test clock starts at, unless told otherwise: 2030-01-01T00:00:00Z, in milliseconds.
 *
 * @publicApi
 */
export const PANDIUM_TEST_NOW = Date.UTC(2030, 0, 1);
