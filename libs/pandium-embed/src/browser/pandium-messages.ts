/**
 * The tenant (one user's installation of an integration) that Pandium's messages name.
 *
 * @publicApi
 */
export interface PandiumTenant {
  /** Pandium's tenant id. */
  id: number | string;
  /** The tenant's name, as shown in Pandium. */
  name: string;
}

/**
 * Posted when the embedded page's content changes height; the iframe follows it.
 *
 * @publicApi
 */
export interface PandiumContentHeightChangeMessage {
  message: 'pandium-content-height-change';
  /** The content's height, in CSS pixels. */
  height: number;
}

/**
 * Posted when the user saves an installation and its sync starts.
 *
 * @publicApi
 */
export interface PandiumSaveSyncMessage {
  message: 'pandium-save-sync';
  tenant: PandiumTenant;
}

/**
 * Posted when the user cancels the install flow; `tenant` is there when one was already created.
 *
 * @publicApi
 */
export interface PandiumInstallCancelMessage {
  message: 'pandium-install-cancel';
  tenant?: PandiumTenant | null;
}

/**
 * Every message Pandium's embedded pages post to the parent window.
 *
 * @publicApi
 */
export type PandiumMessage =
  | PandiumContentHeightChangeMessage
  | PandiumSaveSyncMessage
  | PandiumInstallCancelMessage;

/**
 * The `message` value of each {@link PandiumMessage}.
 *
 * @publicApi
 */
export type PandiumMessageName = PandiumMessage['message'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether `value` has the shape of a {@link PandiumTenant}: an `id` (finite number or non-empty string) and a
 * string `name`. Other fields are allowed.
 *
 * @internal
 */
export function isPandiumTenant(value: unknown): value is PandiumTenant {
  if (!isRecord(value) || typeof value.name !== 'string') {
    return false;
  }
  const { id } = value;
  return (
    (typeof id === 'number' && Number.isFinite(id)) ||
    (typeof id === 'string' && id.length > 0)
  );
}

/**
 * Whether `data` (a `MessageEvent`'s `data`) is a well-formed {@link PandiumMessage}. It says nothing about
 * who sent it: check the event's `origin` and `source` first.
 *
 * @publicApi
 */
export function isPandiumMessage(data: unknown): data is PandiumMessage {
  if (!isRecord(data)) {
    return false;
  }
  switch (data.message) {
    case 'pandium-content-height-change':
      return (
        typeof data.height === 'number' &&
        Number.isFinite(data.height) &&
        data.height >= 0
      );
    case 'pandium-save-sync':
      return isPandiumTenant(data.tenant);
    case 'pandium-install-cancel':
      return (
        data.tenant === undefined ||
        data.tenant === null ||
        isPandiumTenant(data.tenant)
      );
    default:
      return false;
  }
}
