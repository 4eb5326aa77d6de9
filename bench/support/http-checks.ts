// The one-request checks every HTTP benchmark makes before it times a route.

/** @throws when the response's status is not `status` (with the start of its body). */
export async function expectStatus(
  response: Response,
  status: number,
  what: string,
): Promise<void> {
  if (response.status !== status) {
    const body = (await response.text()).slice(0, 500);
    throw new Error(
      `${what}: expected ${status}, got ${response.status}: ${body}`,
    );
  }
}
