import { z } from 'zod';

const personalValue = (max: number) => z.string().min(1).max(max);

export const PersonalDetails = z
  .object({
    name: personalValue(100).meta({ example: '张三丰' }),
    mobile: personalValue(32).meta({ example: '+86 138-1234-1234' }),
    idNumber: personalValue(32)
      .nullable()
      .default(null)
      .meta({ description: 'PRC resident identity number (GB 11643-1999), 18 characters' }),
    email: personalValue(254).nullable().default(null),
  })
  .strict()
  .meta({ id: 'PersonalDetails' });

export const CreateDataSubjectRequest = z
  .object({
    organisationId: z.uuid().meta({ description: 'The insured company whose contact person this is' }),
    details: PersonalDetails,
  })
  .strict()
  .meta({ id: 'CreateDataSubjectRequest' });

export const PersonalFieldValues = z
  .object({
    name: z.string().nullable(),
    mobile: z.string().nullable(),
    idNumber: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'PersonalFieldValues' });

export const DataSubject = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    organisationId: z.uuid(),
    kind: z.enum(['contact_person']),
    status: z.enum(['active', 'restricted', 'erased']),
    details: PersonalFieldValues.meta({
      description: 'Masked (138****1234) unless `masked` is false; null when absent or erased',
    }),
    masked: z.boolean(),
    createdAt: z.iso.datetime(),
    erasedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DataSubject' });

export const DataSubjectPage = z
  .object({
    items: z.array(DataSubject),
    total: z.number().int().nonnegative(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'DataSubjectPage' });

export const DataSubjectListQuery = z.object({
  organisationId: z.uuid().optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(20)
    .meta({ description: 'More than 50 is a bulk query: send an approved bulk_query as Carapace-Approval' }),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const DataSubjectSearchQuery = z
  .object({
    mobile: z.string().min(1).max(32).optional(),
    idNumber: z.string().min(1).max(32).optional(),
  })
  .refine((query) => (query.mobile === undefined) !== (query.idNumber === undefined), {
    message: 'give exactly one of mobile and idNumber',
  });

export const DataSubjectList = z.object({ items: z.array(DataSubject) }).meta({ id: 'DataSubjectList' });

export const PrivacyIdParams = z.object({
  id: z.uuid().meta({ param: { name: 'id', in: 'path' } }),
});

export const LegalHold = z
  .object({
    id: z.uuid(),
    subjectId: z.uuid(),
    reason: z.string(),
    placedBy: z.uuid(),
    placedAt: z.iso.datetime(),
    releasedBy: z.uuid().nullable(),
    releasedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'LegalHold' });

export const LegalHoldList = z.object({ items: z.array(LegalHold) }).meta({ id: 'LegalHoldList' });

export const PlaceLegalHoldRequest = z
  .object({
    reason: z
      .string()
      .min(10)
      .max(1000)
      .meta({ description: 'The legal basis (e.g. 反洗钱法 第34条); never personal data' }),
  })
  .strict()
  .meta({ id: 'PlaceLegalHoldRequest' });

export const SubjectRequestKind = z
  .enum(['access', 'correction', 'deletion'])
  .meta({ id: 'SubjectRequestKind' });
export const SubjectRequestStatus = z
  .enum(['received', 'completed', 'refused'])
  .meta({ id: 'SubjectRequestStatus' });

export const SubjectRequest = z
  .object({
    id: z.uuid(),
    subjectId: z.uuid(),
    kind: SubjectRequestKind,
    status: SubjectRequestStatus,
    receivedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().meta({ description: '30 days after receipt (GB/T 35273-2020 §8.7)' }),
    overdue: z.boolean(),
    requestedBy: z.uuid(),
    completedBy: z.uuid().nullable(),
    completedAt: z.iso.datetime().nullable(),
    outcomeNote: z.string().nullable(),
  })
  .meta({ id: 'SubjectRequest' });

export const SubjectRequestList = z
  .object({ items: z.array(SubjectRequest) })
  .meta({ id: 'SubjectRequestList' });

export const SubjectRequestListQuery = z.object({
  subjectId: z.uuid().optional(),
  status: SubjectRequestStatus.optional(),
  kind: SubjectRequestKind.optional(),
});

export const CreateSubjectRequest = z
  .object({ subjectId: z.uuid(), kind: SubjectRequestKind })
  .strict()
  .meta({ id: 'CreateSubjectRequest' });

export const RefuseSubjectRequest = z
  .object({ reason: z.string().min(10).max(1000) })
  .strict()
  .meta({ id: 'RefuseSubjectRequest' });

export const SubjectExport = z
  .object({
    format: z.literal('carapace-subject-export/1'),
    exportedAt: z.iso.datetime(),
    holder: z.uuid(),
    subject: z.object({
      id: z.uuid(),
      kind: z.string(),
      organisationId: z.uuid(),
      status: z.string(),
      createdAt: z.iso.datetime(),
      details: PersonalFieldValues,
    }),
    legalHolds: z.array(
      z.object({
        id: z.uuid(),
        reason: z.string(),
        placedAt: z.iso.datetime(),
        releasedAt: z.iso.datetime().nullable(),
      }),
    ),
    subjectRequests: z.array(
      z.object({
        id: z.uuid(),
        kind: z.string(),
        status: z.string(),
        receivedAt: z.iso.datetime(),
        dueAt: z.iso.datetime(),
        completedAt: z.iso.datetime().nullable(),
      }),
    ),
  })
  .meta({ id: 'SubjectExport' });

export const FulfilledAccessRequest = z
  .object({ request: SubjectRequest, copy: SubjectExport })
  .meta({ id: 'FulfilledAccessRequest' });

export const CorrectionRequest = z
  .object({
    name: personalValue(100).optional(),
    mobile: personalValue(32).optional(),
    idNumber: personalValue(32).nullable().optional(),
    email: personalValue(254).nullable().optional(),
  })
  .strict()
  .meta({ id: 'CorrectionRequest' });

export const CorrectedSubject = z
  .object({ request: SubjectRequest, subject: DataSubject })
  .meta({ id: 'CorrectedSubject' });

export const OrderDestructionRequest = z
  .object({
    witnessId: z.uuid().meta({
      description: 'An auditor or another compliance officer: neither the requester nor the executor',
    }),
  })
  .strict()
  .meta({ id: 'OrderDestructionRequest' });

export const DestructionOrder = z
  .object({
    id: z.uuid(),
    subjectId: z.uuid(),
    subjectRequestId: z.uuid(),
    requestedBy: z.uuid(),
    orderedBy: z.uuid(),
    witnessId: z.uuid(),
    status: z.enum(['pending', 'confirmed']),
    orderedAt: z.iso.datetime(),
    confirmedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DestructionOrder' });

export const Destruction = z
  .object({
    id: z.uuid(),
    subjectId: z.uuid(),
    subjectRequestId: z.uuid(),
    requestedBy: z.uuid(),
    approvedBy: z.uuid(),
    witnessedBy: z.uuid(),
    method: z.enum(['crypto_shredding']),
    dataKeyId: z.string().nullable(),
    destroyedAt: z.iso.datetime(),
    verification: z.object({ keyFileRemoved: z.boolean(), decryptionRefused: z.boolean() }),
  })
  .meta({ id: 'Destruction' });

export type PersonalDetails = z.input<typeof PersonalDetails>;
export type DataSubject = z.infer<typeof DataSubject>;
export type DataSubjectPage = z.infer<typeof DataSubjectPage>;
export type LegalHold = z.infer<typeof LegalHold>;
export type SubjectRequest = z.infer<typeof SubjectRequest>;
export type SubjectExport = z.infer<typeof SubjectExport>;
export type DestructionOrder = z.infer<typeof DestructionOrder>;
export type Destruction = z.infer<typeof Destruction>;
