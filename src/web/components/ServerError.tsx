import { Alert, type FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api/client';

/**
 * Put the server's field-level complaints (`details[].path` like "body.email") on the matching form fields.
 * Returns true when every detail found its field, so a banner would only repeat them.
 */
export function applyServerErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || !error.details?.length) return false;
  let allPlaced = true;
  const placed: { name: string; errors: string[] }[] = [];
  for (const detail of error.details) {
    const field = detail.path.replace(/^body\.?/, '').split('.')[0] ?? '';
    if (fields.includes(field)) placed.push({ name: field, errors: [detail.message] });
    else allPlaced = false;
  }
  form.setFields(placed);
  return allPlaced;
}

/**
 * Like applyServerErrors, for forms with lists: "body.items.0.statement" goes to the field ['items', 0, 'statement']
 * when its first part is one of `fields`. Returns true when every detail found its field.
 */
export function applyNestedServerErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || !error.details?.length) return false;
  let allPlaced = true;
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  for (const detail of error.details) {
    const parts = detail.path.replace(/^body\.?/, '').split('.').filter(Boolean);
    if (parts[0] && fields.includes(parts[0])) placed.push({ name: parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [detail.message] });
    else allPlaced = false;
  }
  form.setFields(placed);
  return allPlaced;
}

/** The server's message for a failed action, shown inside the form or dialog that caused it. */
export function ServerErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return <Alert className="server-error" type="error" showIcon title={errorMessage(error)} />;
}
