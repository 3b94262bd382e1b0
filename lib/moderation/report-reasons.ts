// Why a member may report a comment: shared by the report form (client) and the server.
export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'illegal', 'other'] as const;
export type ReportReasonApi = (typeof REPORT_REASONS)[number];
/** The API says off-topic; the database enum says off_topic. */
export const toDbReason = (r: ReportReasonApi) => (r === 'off-topic' ? 'off_topic' : r);
export const toApiReason = (r: string) => (r === 'off_topic' ? 'off-topic' : r) as ReportReasonApi;
