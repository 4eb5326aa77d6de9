import { Injectable } from '@nestjs/common';

/** An organisation of the example SaaS, with the plan that decides its integrations. */
export interface DemoOrganization {
  id: string;
  name: string;
  plan: 'growth' | 'starter';
}

/** A signed-in user of the example SaaS: what `JwtAuthGuard` puts on `request.user`. */
export interface DemoUser {
  id: string;
  email: string;
  fullName: string;
  organization: DemoOrganization;
}

/** An integration of the example SaaS's catalog, with the plans that include it. */
export interface DemoIntegration {
  id: string;
  name: string;
  connectorName: string;
  displayName: string;
  plans: DemoOrganization['plan'][];
}

const ORGANIZATIONS: Record<string, DemoOrganization> = {
  acme: { id: 'org_acme', name: 'Acme Corp', plan: 'growth' },
  globex: { id: 'org_globex', name: 'Globex Inc', plan: 'starter' },
};

const USERS: DemoUser[] = [
  {
    id: 'usr_1001',
    email: 'jane@acme.test',
    fullName: 'Jane Doe',
    organization: ORGANIZATIONS.acme,
  },
  {
    id: 'usr_1002',
    email: 'raj@acme.test',
    fullName: 'Raj Patel',
    organization: ORGANIZATIONS.acme,
  },
  {
    id: 'usr_2001',
    email: 'john@globex.test',
    fullName: 'John Smith',
    organization: ORGANIZATIONS.globex,
  },
];

const INTEGRATIONS: DemoIntegration[] = [
  // Pandium's reference example: connector `gwt`, integration `gwt2hs`.
  {
    id: '1042',
    name: 'gwt2hs',
    connectorName: 'gwt',
    displayName: 'GWT to HubSpot',
    plans: ['growth', 'starter'],
  },
  {
    id: '2318',
    name: 'netsuite-orders',
    connectorName: 'netsuite',
    displayName: 'NetSuite orders',
    plans: ['growth'],
  },
  {
    id: '3107',
    name: 'shopify-sync',
    connectorName: 'shopify',
    displayName: 'Shopify sync',
    plans: ['growth', 'starter'],
  },
];

/** Every demo user's password. The example app is a demo: real apps hash and store passwords per user. */
export const DEMO_PASSWORD = 'pandium-demo';

/**
 * The example app's in-memory users, organisations and integrations; stands in for a database.
 */
@Injectable()
export class DemoDirectory {
  findUserByEmail(email: string): DemoUser | undefined {
    const normalized = email.trim().toLowerCase();
    return USERS.find((user) => user.email === normalized);
  }

  findUserById(id: string): DemoUser | undefined {
    return USERS.find((user) => user.id === id);
  }

  /** Every integration of the catalog, whatever the plan (what the account has at Pandium). */
  allIntegrations(): DemoIntegration[] {
    return [...INTEGRATIONS];
  }

  integrationsFor(organization: DemoOrganization): DemoIntegration[] {
    return INTEGRATIONS.filter((integration) =>
      integration.plans.includes(organization.plan),
    );
  }

  /** Ids of the integrations the organisation's plan does not include. */
  integrationsHiddenFrom(organization: DemoOrganization): string[] {
    return INTEGRATIONS.filter(
      (integration) => !integration.plans.includes(organization.plan),
    ).map(({ id }) => id);
  }
}
