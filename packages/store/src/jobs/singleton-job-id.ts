import { createHash } from 'node:crypto';

/**
 * The job id every send of one singleton key gets: a UUIDv8 (RFC 9562 §5.8, "custom") made of the first
 * 122 bits of SHA-256 over the queue name and the key.
 *
 * pg-boss 10 dedupes by `singletonKey` only under some queue policies or with a time slot
 * (`singletonSeconds`); its insert does `ON CONFLICT DO NOTHING` on the job's primary key, though, so a
 * deterministic id makes a second send of the same key a no-op for as long as the first job is kept.
 */
export function singletonJobId(queue: string, singletonKey: string): string {
  const bytes = createHash('sha256')
    .update(queue)
    .update('\u0000')
    .update(singletonKey)
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80; // version 8
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
