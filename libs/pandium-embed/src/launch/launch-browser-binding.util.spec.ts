import {
  bindingCookieOf,
  isBrowserRequest,
  LAUNCH_BINDING_COOKIE,
  newBindingValue,
} from './launch-browser-binding.util.js';

describe('launch browser binding', () => {
  describe('isBrowserRequest', () => {
    it('should take a request with Sec-Fetch-Site or Sec-Fetch-Dest for a browser', () => {
      expect(
        isBrowserRequest({ headers: { 'sec-fetch-site': 'same-origin' } }),
      ).toBe(true);
      expect(
        isBrowserRequest({ headers: { 'sec-fetch-dest': 'iframe' } }),
      ).toBe(true);
    });

    it("should not take Node.js's fetch (Sec-Fetch-Mode only) or curl (no fetch metadata) for a browser", () => {
      expect(isBrowserRequest({ headers: { 'sec-fetch-mode': 'cors' } })).toBe(
        false,
      );
      expect(isBrowserRequest({ headers: { accept: '*/*' } })).toBe(false);
      expect(isBrowserRequest({})).toBe(false);
    });
  });

  describe('bindingCookieOf', () => {
    it('should read the binding cookie among others, and only a well-formed value', () => {
      const value = newBindingValue();
      expect(
        bindingCookieOf({
          headers: { cookie: `a=1; ${LAUNCH_BINDING_COOKIE}=${value}; b=2` },
        }),
      ).toBe(value);
      expect(
        bindingCookieOf({
          headers: { cookie: `${LAUNCH_BINDING_COOKIE}=short` },
        }),
      ).toBeUndefined();
      expect(bindingCookieOf({ headers: {} })).toBeUndefined();
    });
  });
});
