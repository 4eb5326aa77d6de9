/**
 * The demo page's markup. Static: everything the user sees after signing in is built by the script
 * (src/web/demo.ts) from the app's own API, so nothing here needs escaping.
 */
export const DEMO_PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Acme SaaS · integrations (pandium-embed example)</title>
    <link rel="stylesheet" href="/assets/demo.css" />
    <script type="module" src="/assets/demo.js"></script>
  </head>
  <body>
    <header class="app-header">
      <p class="app-name">Acme SaaS</p>
      <p class="app-note">Example host app for <code>pandium-embed</code></p>
      <div id="session" class="session" hidden>
        <span id="session-user" data-testid="session-user"></span>
        <button type="button" id="sign-out">Sign out</button>
      </div>
    </header>
    <main id="main">
      <section id="login" aria-labelledby="login-title" class="card">
        <h1 id="login-title">Sign in</h1>
        <p>Demo users: <code>jane@acme.test</code>, <code>raj@acme.test</code> (Acme, growth plan) and
          <code>john@globex.test</code> (Globex, starter plan). The password is <code>pandium-demo</code>.</p>
        <form id="login-form" novalidate>
          <label for="login-email">Email</label>
          <input id="login-email" name="email" type="email" autocomplete="username" required value="jane@acme.test" />
          <label for="login-password">Password</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required />
          <p id="login-error" class="error" role="alert" hidden></p>
          <button type="submit">Sign in</button>
        </form>
      </section>
      <section id="workspace" aria-labelledby="workspace-title" hidden>
        <h1 id="workspace-title" tabindex="-1">Integrations</h1>
        <div role="tablist" aria-label="Integrations views" class="tabs">
          <button type="button" role="tab" id="tab-catalog" aria-controls="panel-catalog" aria-selected="true">Your integrations</button>
          <button type="button" role="tab" id="tab-marketplace" aria-controls="panel-marketplace" aria-selected="false" tabindex="-1">Marketplace</button>
        </div>
        <div role="tabpanel" id="panel-catalog" aria-labelledby="tab-catalog" tabindex="0">
          <ul id="tiles" class="tiles" aria-label="Your integrations"></ul>
          <section id="install" class="card" aria-labelledby="install-title" hidden>
            <div class="install-header">
              <h2 id="install-title" tabindex="-1"></h2>
              <button type="button" id="install-close">Close</button>
            </div>
            <div id="install-frame" class="frame"></div>
          </section>
        </div>
        <div role="tabpanel" id="panel-marketplace" aria-labelledby="tab-marketplace" tabindex="0" hidden>
          <p>The full Pandium marketplace for your account, in an iframe.</p>
          <div id="marketplace-frame" class="frame"></div>
        </div>
        <section id="activity" class="card" aria-labelledby="activity-title">
          <h2 id="activity-title">Activity</h2>
          <ul id="activity-list" data-testid="activity-list" aria-live="polite"></ul>
        </section>
      </section>
      <p id="status" class="status" role="status" aria-live="polite" data-testid="status"></p>
    </main>
    <dialog id="confirm" class="dialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
      <h2 id="confirm-title"></h2>
      <p id="confirm-text"></p>
      <div class="dialog-actions">
        <button type="button" id="confirm-cancel">Cancel</button>
        <button type="button" id="confirm-accept" class="danger"></button>
      </div>
    </dialog>
  </body>
</html>
`;
