import { z } from 'zod';

/**
 * PUT /api/settings/documents: how the office names itself on the documents it issues. Each field: a value, or empty /
 * null / absent for the default. The rules (2–60 characters; 1–12 Chinese characters) are checked by the server with
 * their own error codes (DOCUMENT_ISSUER_INVALID, DOCUMENT_PREFIX_INVALID), see src/domain/reports/document-settings.ts.
 */
export const documentSettingsBody = z.strictObject({
  issuerName: z.string().max(1000).nullable().optional().describe('发文机关名称, e.g. 青溪县生态环境保护督察整改工作领导小组办公室; empty for the default'),
  numberPrefix: z.string().max(1000).nullable().optional().describe('机关代字 of the 文号, e.g. 青督办 (青督办〔2026〕3号); empty for the default'),
});
export type DocumentSettingsInput = z.infer<typeof documentSettingsBody>;

/** GET/PUT /api/settings/documents: the setting, what applies when it is empty, and this year's numbering. */
export const documentSettingsView = z.object({
  issuerName: z.string().nullable().describe('as set; null: the default applies'),
  numberPrefix: z.string().nullable().describe('as set; null: the default applies'),
  defaults: z
    .object({
      issuerName: z.string().describe('the inspection office (督察办) of the caller’s region, else the caller’s unit; a coordinator issuing without a setting uses their own unit'),
      numberPrefix: z.string().describe('the first character of the region’s name + 督办 (青溪县 → 青督办)'),
      regionName: z.string(),
    })
    .describe('what is used when a field is left empty'),
  year: z.number().describe('the current year (China time), as numbers are counted per year'),
  counters: z
    .array(z.object({ numberPrefix: z.string(), last: z.number().describe('the last number issued this year with this prefix') }))
    .describe('supervision notices numbered this year, per 机关代字: the next one is last + 1; a new 机关代字 starts at 1'),
});
export type DocumentSettingsView = z.infer<typeof documentSettingsView>;
