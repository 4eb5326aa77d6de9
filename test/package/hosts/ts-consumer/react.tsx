// Type-checked only: the React entry as a front end with React uses it.
import type { ReactElement } from 'react';
import type { PandiumCatalogEntry, PandiumTenant } from 'pandium-embed/browser';
import {
  PandiumInstall,
  PandiumMarketplace,
  usePandiumIntegrations,
} from 'pandium-embed/react';
import type {
  PandiumInstallProps,
  PandiumIntegrations,
  PandiumMarketplaceProps,
} from 'pandium-embed/react';

export function Tiles({ accessToken }: { accessToken: string }): ReactElement {
  const integrations: PandiumIntegrations = usePandiumIntegrations({
    fetch: (input, init) =>
      fetch(input, {
        ...init,
        headers: { ...init?.headers, Authorization: `Bearer ${accessToken}` },
      }),
  });
  const { entries, loading, error, reload, run, uninstall } = integrations;
  const installProps: PandiumInstallProps = {
    integrationId: entries[0]?.id ?? '1042',
    refreshOnSave: true,
    onSaveSync: (tenant: PandiumTenant) => {
      console.log(tenant.id);
      void reload();
    },
  };
  const marketplaceProps: PandiumMarketplaceProps = { className: 'market' };
  return (
    <section aria-busy={loading}>
      {error && <p role="alert">{error.message}</p>}
      {entries.map((entry: PandiumCatalogEntry) => (
        <article key={entry.id}>
          <span>{entry.status?.state ?? 'not-installed'}</span>
          <button onClick={() => void run(entry.id).then((r) => r.triggerId)}>
            Run now
          </button>
          <button onClick={() => void uninstall(entry.id)}>Uninstall</button>
        </article>
      ))}
      <PandiumInstall {...installProps} />
      <PandiumMarketplace {...marketplaceProps} />
    </section>
  );
}
