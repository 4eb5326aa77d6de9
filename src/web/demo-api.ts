// The example app's own API as the demo page uses it: the demo login, and the bearer `fetch` the library's browser
// helper and client are given.

/** A refused sign-in, with its HTTP status (the page's other requests go through the library's client). */
export class DemoApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'DemoApiError';
  }
}

const TOKEN_KEY = 'pandium-embed-demo:access-token';
const EMAIL_KEY = 'pandium-embed-demo:email';

/** The signed-in session: the bearer token of the demo login, kept for this tab only. */
export class DemoSession {
  private token = sessionStorage.getItem(TOKEN_KEY);

  get signedIn(): boolean {
    return this.token !== null;
  }

  /** The email the user signed in with, for display. */
  get email(): string | undefined {
    return sessionStorage.getItem(EMAIL_KEY) ?? undefined;
  }

  /** @throws {Error} with the server's message when the login is refused. */
  async signIn(email: string, password: string): Promise<void> {
    const response = await fetch('/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) {
      throw new DemoApiError(await messageOf(response), response.status);
    }
    const { accessToken } = (await response.json()) as { accessToken: string };
    this.token = accessToken;
    sessionStorage.setItem(TOKEN_KEY, accessToken);
    sessionStorage.setItem(EMAIL_KEY, email);
  }

  signOut(): void {
    this.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(EMAIL_KEY);
  }

  /** `fetch` with the bearer token: what the browser helper is given, since an iframe cannot send the header. */
  readonly fetch = (
    input: RequestInfo | URL,
    init: RequestInit = {},
  ): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (this.token !== null) {
      headers.set('Authorization', `Bearer ${this.token}`);
    }
    return fetch(input, { ...init, headers });
  };
}

async function messageOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string') {
      return body.message;
    }
  } catch {
    // not JSON: fall back to the status line
  }
  return `${response.status} ${response.statusText}`;
}
