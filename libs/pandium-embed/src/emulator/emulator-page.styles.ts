/** The emulator page's stylesheet, served as `GET /__emulator/page.css` (CSP `style-src 'self'`). @internal */
export const EMULATOR_PAGE_STYLES = `
body { margin: 0; padding: 0 16px 16px; font: 14px/1.45 system-ui, sans-serif; color: #1d2330; background: #fff; }
.banner { margin: 0 -16px 12px; padding: 8px 16px; background: repeating-linear-gradient(-45deg, #fff3c4, #fff3c4 12px, #ffe9a0 12px, #ffe9a0 24px); border-bottom: 1px solid #e0c14f; }
h2 { font-size: 15px; margin: 16px 0 6px; }
h3 { font-size: 13px; margin: 12px 0 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dt { color: #5b6475; }
dd { margin: 0; overflow-wrap: anywhere; }
pre { background: #f4f5f8; padding: 8px; overflow: auto; font-size: 12px; }
code, .field { font-family: ui-monospace, monospace; font-size: 12px; }
.field { color: #5b6475; }
.status { display: inline-block; padding: 4px 10px; border-radius: 4px; font-weight: 600; background: #eef0f4; }
.status.verified { background: #ddf4e4; color: #125c2b; }
.status.refused { background: #fde2e1; color: #8a1c17; }
.problems li { margin-bottom: 10px; }
.problems p { margin: 2px 0; }
.cause, .fix { color: #3c4456; }
.notes { background: #fff7e0; padding: 8px 8px 8px 28px; }
.offers li { margin: 4px 0; }
.actions { display: flex; gap: 8px; margin: 16px 0; }
button { font: inherit; padding: 6px 14px; border-radius: 4px; border: 1px solid #9aa3b5; background: #fff; cursor: pointer; }
#emulator-save, [data-testid^="emulator-install-"] { background: #1f5eff; border-color: #1f5eff; color: #fff; }
`;
