import type { PandiumIntegration } from './pandium-integration.interface.js';
import { PandiumCatalogDto } from './pandium-integration.dto.js';
import type { ValidationProblem } from '../options/validation-problems.util.js';
import { compileSchema } from '../options/compiled-schema.util.js';

/**
 * A catalog's output once checked: Pandium's fields of each entry, in order, and the same entries by id.
 *
 * @internal
 */
export interface CheckedCatalog {
  readonly integrations: readonly Readonly<PandiumIntegration>[];
  readonly byId: ReadonlyMap<string, Readonly<PandiumIntegration>>;
}

// Entries may carry the host app's own fields; only Pandium's are kept.
const parseCatalog = compileSchema(PandiumCatalogDto, {
  allowUnknownKeys: true,
});

/**
 * Checks what an `IntegrationCatalog` returns, once per returned array when the catalog hands back the same frozen
 * array each time (the static catalog does): a frozen array whose entries are frozen cannot change after the check,
 * so the checked result is kept for it, in a `WeakMap` that lets it go with the array. Any other array (a fresh one
 * per call, or one the host app may still change) is checked again on every call: caching it by identity would let
 * a change made after the check slip through.
 *
 * @internal
 */
export class CheckedCatalogCache {
  private readonly checked = new WeakMap<object, CheckedCatalog>();

  /** The checked catalog, or the problems that refuse it (each naming the field). */
  check(
    output: unknown,
  ):
    | { catalog: CheckedCatalog; problems: [] }
    | { catalog: undefined; problems: ValidationProblem[] } {
    // Only a deeply frozen array is ever stored, and freezing cannot be undone: a hit needs no second look.
    const known =
      typeof output === 'object' && output !== null
        ? this.checked.get(output)
        : undefined;
    if (known !== undefined) {
      return { catalog: known, problems: [] };
    }
    const parsed = parseCatalog({ integrations: output });
    if (parsed.value === undefined) {
      return { catalog: undefined, problems: parsed.problems };
    }
    const integrations = parsed.value.integrations.map(pandiumFieldsOf);
    const catalog: CheckedCatalog = {
      integrations,
      byId: new Map(integrations.map((entry) => [entry.id, entry])),
    };
    if (Array.isArray(output) && isDeeplyFrozen(output)) {
      this.checked.set(output, catalog);
    }
    return { catalog, problems: [] };
  }
}

/** A frozen array of frozen entries: what the check saw is what it will always hold. */
function isDeeplyFrozen(array: readonly unknown[]): boolean {
  return (
    Object.isFrozen(array) &&
    array.every((entry) => typeof entry !== 'object' || Object.isFrozen(entry))
  );
}

/** Pandium's fields of a checked entry, frozen since it is shared by every request for the same array. */
function pandiumFieldsOf({
  id,
  name,
  connectorName,
  displayName,
}: PandiumIntegration): Readonly<PandiumIntegration> {
  // A null displayName (a nullable column) passed @IsOptional like an absent one: omit it alike.
  return Object.freeze(
    displayName === undefined || displayName === null
      ? { id, name, connectorName }
      : { id, name, connectorName, displayName },
  );
}
