// pandium-embed/terminus: health checks for the Pandium pieces, as a `@nestjs/terminus` indicator (an optional peer,
// 11 or later); the main entry never loads this file.
export { PandiumHealthIndicator } from './pandium-health.indicator.js';
export type { PandiumHealthCheckOptions } from './pandium-health-check-options.interface.js';
