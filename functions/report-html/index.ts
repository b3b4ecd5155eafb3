export { renderReportHtml } from './page.js';
export type { HtmlPageOptions, PageIncident } from './types.js';
export { CONTENT_SECURITY_POLICY } from './assets.js';
