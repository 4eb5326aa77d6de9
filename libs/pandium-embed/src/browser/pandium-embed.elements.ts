import {
  PANDIUM_LOADING_TEXT,
  PANDIUM_RETRY_TEXT,
} from './pandium-browser.constants.js';

/**
 * The iframe, without its `src` (set by the caller once its listeners are in place).
 *
 * @internal
 */
export function createPandiumIframe(
  document: Document,
  { title, height }: { title: string; height: number },
): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  iframe.className = 'pandium-embed-frame';
  iframe.title = title;
  // Pandium's URL is not ours to leak, and the launch path carries a ticket: send no Referer from inside.
  iframe.setAttribute('referrerpolicy', 'no-referrer');
  iframe.style.display = 'block';
  iframe.style.width = '100%';
  iframe.style.border = '0';
  iframe.style.height = `${height}px`;
  return iframe;
}

/**
 * A polite live region saying the embed is loading.
 *
 * @internal
 */
export function createLoadingStatus(document: Document): HTMLElement {
  const status = document.createElement('div');
  status.className = 'pandium-embed-loading';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.textContent = PANDIUM_LOADING_TEXT;
  return status;
}

/**
 * An alert with the error's message and a "Try again" button. The message goes in as text, never as HTML.
 *
 * @internal
 */
export function createErrorBox(
  document: Document,
  message: string,
  onRetry: () => void,
): HTMLElement {
  const box = document.createElement('div');
  box.className = 'pandium-embed-error';
  box.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = message;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = PANDIUM_RETRY_TEXT;
  button.addEventListener('click', onRetry);
  box.append(text, button);
  return box;
}
