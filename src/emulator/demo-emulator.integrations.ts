import { DemoDirectory } from '../directory/demo-directory.js';
import type { PandiumEmulatorIntegration } from './pandium-emulator-options.interface.js';

/**
 * The example app's demo integrations (src/directory), as Pandium's REST API would list them: the emulator's
 * default account has exactly the integrations the example app offers, so its install URLs all resolve.
 */
export function demoEmulatorIntegrations(): PandiumEmulatorIntegration[] {
  return new DemoDirectory()
    .allIntegrations()
    .map((integration) => ({
      id: Number(integration.id),
      name: integration.name,
      long_name: integration.displayName,
      connectors: [{ name: integration.connectorName }],
    }))
    .sort((a, b) => a.id - b.id);
}
