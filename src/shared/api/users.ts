import { z } from 'zod';
import { LANGUAGES, ROLES } from '../roles.js';
import { phone } from './common.js';

export const userSummary = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  roles: z.array(z.enum(ROLES)),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  language: z.enum(LANGUAGES),
  enabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});
export type UserSummary = z.infer<typeof userSummary>;

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, '3–32 characters: letters, digits, . _ -, starting with a letter');

export const createUserBody = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(64),
  unitId: z.number().int().positive(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  password: z.string().min(1).max(256),
  phone,
  email: z.email().max(128).nullable().optional(),
});
export const updateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  unitId: z.number().int().positive().optional(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
  phone,
  email: z.email().max(128).nullable().optional(),
  enabled: z.boolean().optional(),
  unlock: z.literal(true).optional().describe('Clear a lockout after repeated failed sign-ins'),
  version: z.number().int().positive(),
});
export const resetPasswordBody = z.strictObject({ newPassword: z.string().min(1).max(256) });
export const listUsersQuery = z.object({
  q: z.string().trim().max(64).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  role: z.enum(ROLES).optional(),
  enabled: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
