import { z } from 'zod';

export const Liveness = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    uptimeSeconds: z.number().nonnegative(),
  })
  .meta({ id: 'Liveness', description: 'The process is up and serving HTTP.' });

export const DatabaseReadiness = z
  .object({
    engine: z.enum(['pglite', 'postgres']),
    description: z.string().meta({ example: 'embedded PGlite at ./var/pglite' }),
    reachable: z.boolean(),
    latencyMs: z.number().nonnegative().optional(),
    serverVersion: z.string().optional(),
    error: z.string().optional(),
  })
  .meta({ id: 'DatabaseReadiness' });

export const MigrationReadiness = z
  .object({
    current: z.boolean(),
    applied: z.array(z.string()),
    pending: z.array(z.string()),
    unknown: z.array(z.string()).meta({ description: 'Applied by a newer Carapace than this one.' }),
  })
  .meta({ id: 'MigrationReadiness' });

export const Readiness = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    version: z.string(),
    uptimeSeconds: z.number().nonnegative(),
    checkedAt: z.iso.datetime(),
    database: DatabaseReadiness,
    migrations: MigrationReadiness.nullable(),
  })
  .meta({
    id: 'Readiness',
    description: 'Whether this instance can serve requests: the database answers and its schema is current.',
  });

export type Liveness = z.infer<typeof Liveness>;
export type Readiness = z.infer<typeof Readiness>;
