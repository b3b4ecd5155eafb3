/** What the pipeline knows beyond the report: the incident the page belongs to. */
export interface PageIncident {
  id: string;
  status: string;
  reportVersion: number;
}

export interface HtmlPageOptions {
  /** The Markdown ticket, embedded inertly for the copy button (already masked by the caller). */
  ticketMarkdown: string;
  incident?: PageIncident;
  /** Evidence lines shown per finding. */
  evidencePerFinding?: number;
}
