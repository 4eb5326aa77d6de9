/**
 * The emulator page's script, served as `GET /__emulator/page.js` so the page's CSP can be `script-src 'self'`.
 * It talks to the parent window as Pandium's embedded pages do, always with the configured host origin as
 * `targetOrigin` (read from `<body data-host-origin>`):
 *
 * - `{ message: 'pandium-content-height-change', height }` once at load and whenever the body resizes;
 * - `{ message: 'pandium-save-sync', tenant: { id, name } }` once the install page's Save was accepted (on the
 *   page that answers the form post, from `#emulator-saved`), or when a marketplace Install button is clicked;
 * - `{ message: 'pandium-install-cancel' }` when Cancel is clicked.
 *
 * Plain ES2017, no modules and no inline handlers: it runs as served, in any browser the host app supports.
 *
 * @internal
 */
export const EMULATOR_PAGE_SCRIPT = `'use strict';
(function () {
  var body = document.body;
  var hostOrigin = body.getAttribute('data-host-origin');
  var framed = window.parent !== window;
  var log = document.getElementById('emulator-messages');
  var lastHeight = -1;

  function post(message, logged) {
    if (logged && log) {
      var item = document.createElement('li');
      item.textContent = JSON.stringify(message) + (framed ? ' → ' + hostOrigin : ' (not framed: not sent)');
      log.appendChild(item);
    }
    if (framed && hostOrigin) {
      window.parent.postMessage(message, hostOrigin);
    }
  }

  function reportHeight() {
    var height = Math.ceil(body.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      // Not logged on the page: a log line would change the height again.
      post({ message: 'pandium-content-height-change', height: height }, false);
    }
  }

  body.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('[data-emulator-action]') : null;
    if (!target) {
      return;
    }
    var action = target.getAttribute('data-emulator-action');
    if (action === 'save') {
      post({
        message: 'pandium-save-sync',
        tenant: { id: Number(target.getAttribute('data-tenant-id')), name: target.getAttribute('data-tenant-name') },
      }, true);
    } else if (action === 'cancel') {
      post({ message: 'pandium-install-cancel' }, true);
    } else if (action === 'toggle-details') {
      var details = document.getElementById('emulator-details');
      if (details) {
        details.hidden = !details.hidden;
        target.setAttribute('aria-expanded', String(!details.hidden));
        target.textContent = details.hidden ? 'Show details' : 'Hide details';
      }
    }
  });

  var saved = document.getElementById('emulator-saved');
  if (saved) {
    post({
      message: 'pandium-save-sync',
      tenant: { id: Number(saved.getAttribute('data-tenant-id')), name: saved.getAttribute('data-tenant-name') },
    }, true);
  }

  reportHeight();
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(reportHeight).observe(body);
  } else {
    window.addEventListener('resize', reportHeight);
  }
})();
`;
