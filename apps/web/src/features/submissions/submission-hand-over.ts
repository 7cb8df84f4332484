import type { SubmissionRecord } from '../../api/submissions';

/**
 * A draft just created at `/submissions/new` moves to its own address, and the app mounts a fresh page
 * there. The record and the time it was saved are handed over here, so that page shows "saved at …" at
 * once instead of asking the server again and forgetting when it was saved.
 */
const handedOver = new Map<string, { readonly record: SubmissionRecord; readonly savedAt: Date }>();

export function handOverSavedSubmission(record: SubmissionRecord, savedAt: Date): void {
  handedOver.set(record.id, { record, savedAt });
}

export function peekHandedOver(
  submissionId: string | undefined,
): { readonly record: SubmissionRecord; readonly savedAt: Date } | undefined {
  return submissionId === undefined ? undefined : handedOver.get(submissionId);
}

/** Called once the page has taken it: a later visit to the address reads the server again. */
export function forgetHandedOver(submissionId: string): void {
  handedOver.delete(submissionId);
}
