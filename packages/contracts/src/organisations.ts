import { z } from 'zod';

export const OrganisationKind = z
  .enum(['insurer', 'broker', 'insured', 'security_partner'])
  .meta({ id: 'OrganisationKind', description: 'The part an organisation plays in the lifecycle.' });

export const Organisation = z
  .object({
    id: z.uuid(),
    kind: OrganisationKind,
    nameZh: z.string().meta({ example: '杭州青石软件科技有限公司' }),
    nameEn: z.string().nullable(),
    creditCode: z.string().nullable().meta({ description: 'Unified social credit code (GB 32100-2015).' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Organisation' });

export const CreateOrganisationRequest = z
  .object({
    kind: OrganisationKind,
    nameZh: z.string().min(1).max(200),
    nameEn: z.string().min(1).max(200).nullable().default(null),
    creditCode: z
      .string()
      .regex(/^[0-9A-Za-z]{18}$/, 'a unified social credit code has 18 letters and digits')
      .nullable()
      .default(null),
  })
  .strict()
  .meta({ id: 'CreateOrganisationRequest' });

export const OrganisationListQuery = z.object({
  kind: OrganisationKind.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const OrganisationPage = z
  .object({
    items: z.array(Organisation),
    total: z.number().int().nonnegative(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'OrganisationPage' });

export const OrganisationIdParams = z.object({
  id: z.string().meta({ param: { name: 'id', in: 'path' }, example: '0b7c6f0e-3c5e-4d8f-9a41-5b2f1c7e9d10' }),
});

export type Organisation = z.infer<typeof Organisation>;
export type OrganisationPage = z.infer<typeof OrganisationPage>;
export type CreateOrganisationRequest = z.input<typeof CreateOrganisationRequest>;
