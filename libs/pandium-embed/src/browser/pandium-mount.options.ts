import {
  PANDIUM_DEFAULT_ENDPOINT,
  PANDIUM_DEFAULT_HEIGHT,
  PANDIUM_DEFAULT_MAX_HEIGHT,
  PANDIUM_DEFAULT_MIN_HEIGHT,
  PANDIUM_DEFAULT_TITLES,
} from './pandium-browser.constants.js';
import { PandiumMountOptionsError } from './pandium-browser.errors.js';
import type { PandiumEmbedTarget } from './pandium-launch.client.js';
import type {
  PandiumLaunchMode,
  PandiumMountOptions,
} from './pandium-mount-options.interface.js';

/**
 * Mount options with every default applied and every value checked.
 *
 * @internal
 */
export interface ResolvedMountOptions {
  endpoint: string;
  mode: PandiumLaunchMode;
  fetch: typeof fetch;
  credentials: 'same-origin' | 'include';
  title: string;
  height: number;
  minHeight: number;
  maxHeight: number;
  refreshOnSave: boolean;
  callbacks: Pick<
    PandiumMountOptions,
    'onLoad' | 'onError' | 'onSaveSync' | 'onCancel' | 'onResize'
  >;
}

const CALLBACKS = [
  'onLoad',
  'onError',
  'onSaveSync',
  'onCancel',
  'onResize',
] as const;

/**
 * Applies the defaults once and checks every option.
 *
 * @throws {PandiumMountOptionsError} naming the first bad option.
 * @internal
 */
export function resolveMountOptions(
  options: PandiumMountOptions,
  kind: PandiumEmbedTarget['kind'],
): ResolvedMountOptions {
  if (typeof options !== 'object' || options === null) {
    throw PandiumMountOptionsError.invalid('options', 'must be an object');
  }
  const endpoint = options.endpoint ?? PANDIUM_DEFAULT_ENDPOINT;
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    throw PandiumMountOptionsError.invalid(
      'endpoint',
      'must be a non-empty string',
    );
  }
  const mode = options.mode ?? 'ticket';
  if (mode !== 'ticket' && mode !== 'url') {
    throw PandiumMountOptionsError.invalid('mode', "must be 'ticket' or 'url'");
  }
  // Read at mount time, not import time, so a polyfill or test double installed later is seen.
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') {
    throw PandiumMountOptionsError.invalid(
      'fetch',
      'must be a function (this environment has no global fetch)',
    );
  }
  const credentials = options.credentials ?? 'same-origin';
  if (credentials !== 'same-origin' && credentials !== 'include') {
    throw PandiumMountOptionsError.invalid(
      'credentials',
      "must be 'same-origin' or 'include'",
    );
  }
  const title = options.title ?? PANDIUM_DEFAULT_TITLES[kind];
  if (typeof title !== 'string' || title.trim() === '') {
    throw PandiumMountOptionsError.invalid(
      'title',
      'must be a non-empty string',
    );
  }
  const height = pixels(options, 'height', PANDIUM_DEFAULT_HEIGHT);
  const minHeight = pixels(options, 'minHeight', PANDIUM_DEFAULT_MIN_HEIGHT);
  const maxHeight = pixels(options, 'maxHeight', PANDIUM_DEFAULT_MAX_HEIGHT);
  if (minHeight > maxHeight) {
    throw PandiumMountOptionsError.invalid(
      'minHeight',
      'must not be greater than maxHeight',
    );
  }
  const refreshOnSave = options.refreshOnSave ?? true;
  if (typeof refreshOnSave !== 'boolean') {
    throw PandiumMountOptionsError.invalid(
      'refreshOnSave',
      'must be a boolean',
    );
  }
  for (const name of CALLBACKS) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw PandiumMountOptionsError.invalid(name, 'must be a function');
    }
  }
  return {
    endpoint,
    mode,
    fetch: fetchFn,
    credentials,
    title,
    height,
    minHeight,
    maxHeight,
    refreshOnSave,
    callbacks: options,
  };
}

function pixels(
  options: PandiumMountOptions,
  name: 'height' | 'minHeight' | 'maxHeight',
  fallback: number,
): number {
  const value = options[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw PandiumMountOptionsError.invalid(
      name,
      'must be a positive number of pixels',
    );
  }
  return value;
}
