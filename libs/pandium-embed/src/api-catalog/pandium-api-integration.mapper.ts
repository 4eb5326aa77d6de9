import type { PandiumIntegration } from '../core/pandium-integration.interface.js';
import type { ValidationProblem } from '../options/validation-problems.util.js';
import { formatProblems } from '../options/validation-problems.util.js';
import { compileSchema } from '../options/compiled-schema.util.js';
import type {
  PandiumApiCatalogOptions,
  PandiumApiIntegration,
} from './pandium-api-catalog-options.interface.js';
import {
  connectorNameOf,
  isPandiumApiId,
  PandiumApiIntegrationDto,
} from './pandium-api-integration.dto.js';

// Pandium's items carry more fields than the catalog reads: those are ignored. Checking an item never throws (a key
// named `constructor`, a field nested too deep for class-transformer): such an item is left out like any invalid one.
const parseItem = compileSchema(PandiumApiIntegrationDto, {
  allowUnknownKeys: true,
});

/** The warning about left-out items describes this many, and counts the rest. */
const MAX_DESCRIBED_ITEMS = 10;

/**
 * Pandium's items as catalog entries: `id` (a number or a string of digits) becomes the string id, `name` the
 * programmatic name, `long_name` (when not empty) the `displayName`, and the connector name comes from the
 * `connectorName` option or the first connector. Archived items are left out silently; invalid and repeated ones
 * are left out and described in `warning` (the first ten, then a count).
 *
 * @internal
 */
export function mapApiIntegrations(
  items: readonly unknown[],
  connectorName: PandiumApiCatalogOptions['connectorName'],
): { integrations: readonly PandiumIntegration[]; warning?: string } {
  const integrations: PandiumIntegration[] = [];
  const ids = new Set<string>();
  const leftOut: string[] = [];
  let leftOutCount = 0;
  items.forEach((item, index) => {
    if (isArchived(item)) {
      return;
    }
    let outcome = toIntegration(item, connectorName);
    if (!Array.isArray(outcome) && ids.has(outcome.id)) {
      outcome = [{ path: 'id', message: 'is listed twice' }];
    }
    if (Array.isArray(outcome)) {
      leftOutCount += 1;
      if (leftOut.length < MAX_DESCRIBED_ITEMS) {
        leftOut.push(
          `${itemLabel(item, index)}: ${formatProblems(outcome).join(', ')}`,
        );
      }
      return;
    }
    ids.add(outcome.id);
    integrations.push(Object.freeze(outcome));
  });
  if (leftOutCount === 0) {
    return { integrations: Object.freeze(integrations) };
  }
  const more =
    leftOutCount > leftOut.length
      ? `; and ${leftOutCount - leftOut.length} more`
      : '';
  return {
    integrations: Object.freeze(integrations),
    warning:
      `Left out ${leftOutCount} of ${items.length} integrations listed by Pandium's API: ` +
      `${leftOut.join('; ')}${more}.`,
  };
}

/** One catalog entry, or what is wrong with the item. */
function toIntegration(
  item: unknown,
  option: PandiumApiCatalogOptions['connectorName'],
): PandiumIntegration | ValidationProblem[] {
  const parsed = parseItem(item);
  if (parsed.value === undefined) {
    return parsed.problems;
  }
  const { id, name, long_name: longName, connectors } = parsed.value;
  const connectorName = connectorNameFor(
    item as PandiumApiIntegration,
    connectors,
    option,
  );
  if (typeof connectorName !== 'string') {
    return [connectorName];
  }
  const integration: PandiumIntegration = {
    id: String(id),
    name,
    connectorName,
  };
  if (typeof longName === 'string' && longName.length > 0) {
    integration.displayName = longName;
  }
  return integration;
}

/** The `connectorName` option applied to an item, or what is wrong. */
function connectorNameFor(
  item: PandiumApiIntegration,
  connectors: PandiumApiIntegrationDto['connectors'],
  option: PandiumApiCatalogOptions['connectorName'],
): string | ValidationProblem {
  if (typeof option === 'string') {
    return option;
  }
  if (option === undefined) {
    // Each connector was checked by the DTO: a first one has a valid name.
    return (
      connectorNameOf(connectors?.[0]) ?? {
        path: 'connectors',
        message:
          'must list at least one connector (or set the connectorName option)',
      }
    );
  }
  let picked: unknown;
  try {
    picked = option(item);
  } catch (error) {
    const reason = error instanceof Error ? error.name : 'a non-Error value';
    return { path: 'connectorName', message: `option threw (${reason})` };
  }
  return typeof picked === 'string' && connectorNameOf(picked) === picked
    ? picked
    : {
        path: 'connectorName',
        message: 'option must return a connector name of 1–256 characters',
      };
}

function isArchived(item: unknown): boolean {
  return (
    typeof item === 'object' &&
    item !== null &&
    (item as { archived?: unknown }).archived === true
  );
}

/** `item 3 (id 1042)`: the item's place in the whole list, and its id when it has a valid one. */
function itemLabel(item: unknown, index: number): string {
  const id =
    typeof item === 'object' && item !== null
      ? (item as { id?: unknown }).id
      : undefined;
  return isPandiumApiId(id)
    ? `item ${index + 1} (id ${id})`
    : `item ${index + 1}`;
}
