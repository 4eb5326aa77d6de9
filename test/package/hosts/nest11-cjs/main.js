// A NestJS 11 host app in a CommonJS package, outside the monorepo, using pandium-embed as its users would:
// installed from the packed tarball and loaded with `require()` (the library is ESM: Node's require(esm), on by
// default since Node 20.19). Plain JavaScript, so decorators are called as functions.
// test/package/package.package-spec.ts copies it to a temp dir, installs it and talks to it over HTTP.
//
//   PANDIUM_ACCOUNT=acme PANDIUM_SHARED_SECRET=<32+ chars> node main.js
//
// Prints `pandium-embed host listening on <url>` once it listens (on 127.0.0.1, a free port).
require('reflect-metadata');
const { Inject, Injectable, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { PandiumEmbedModule } = require('pandium-embed');

const HOST_NAME = 'nest11-cjs';
const SETTINGS = 'SETTINGS';

// The host's own configuration module: pandium-embed reads its options from this provider (forRootAsync).
class SettingsModule {}
Module({
  providers: [
    {
      provide: SETTINGS,
      useFactory: () => ({
        hostName: HOST_NAME,
        account: process.env.PANDIUM_ACCOUNT ?? 'acme-saas',
        sharedSecret: process.env.PANDIUM_SHARED_SECRET,
      }),
    },
  ],
  exports: [SETTINGS],
})(SettingsModule);

// The guard the host already has for its own routes: here the user is whoever the `x-user` header names.
class HeaderUserGuard {
  canActivate(context) {
    const request = context.switchToHttp().getRequest();
    const id = request.headers['x-user'];
    if (typeof id === 'string' && id !== '') {
      request.user = { id };
    }
    return true;
  }
}
Injectable()(HeaderUserGuard);

// A TokenProvider class with a dependency of its own, from the module forRootAsync imports.
class ConnectorTokenProvider {
  constructor(settings) {
    this.settings = settings;
  }

  getToken(user) {
    return `${this.settings.hostName}:${user.id}`;
  }
}
Injectable()(ConnectorTokenProvider);
Inject(SETTINGS)(ConnectorTokenProvider, undefined, 0);

// A ClaimsProvider given as a value.
const claimsProvider = {
  getClaims(user, target) {
    return {
      sub: user.id,
      ti: {
        udn: 'Acme Corp',
        ufn: `User ${user.id}`,
        uem: `${user.id}@acme.test`,
        xti: { user_group: 'growth', embed_kind: target.kind },
      },
    };
  },
};

class AppModule {}
Module({
  imports: [
    PandiumEmbedModule.forRootAsync({
      imports: [SettingsModule],
      inject: [SETTINGS],
      useFactory: (settings) => ({
        account: settings.account,
        sharedSecret: settings.sharedSecret,
        webhookSecret: process.env.PANDIUM_WEBHOOK_SECRET,
        integrations: [{ id: '1042', name: 'gwt2hs', connectorName: 'gwt' }],
      }),
      claimsProvider: { useValue: claimsProvider },
      tokenProvider: ConnectorTokenProvider,
      controller: { guards: [HeaderUserGuard] },
      // Pandium's notifications, without @nestjs/event-emitter installed: a plain handler prints each one.
      webhooks: {
        confirmTenantEvents: false,
        handlers: [
          {
            useValue: {
              handle: (event) =>
                console.log(`pandium-embed webhook ${event.type}`),
            },
          },
        ],
      },
    }),
  ],
})(AppModule);

async function main() {
  const app = await NestFactory.create(AppModule, {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  console.log(`pandium-embed host listening on ${await app.getUrl()}`);

  // Started by a test over an IPC channel: stop when that process goes away, even if it could not say so.
  if (process.connected) {
    process.once('disconnect', () => {
      void app.close().finally(() => process.exit(0));
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
