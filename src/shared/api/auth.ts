import { z } from 'zod';
import { PERMISSIONS } from '../../domain/access.js';
import { LANGUAGES, ROLES } from '../roles.js';
import { phone } from './common.js';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  language: z.enum(LANGUAGES),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.enum(PERMISSIONS)),
  unit: z.object({ id: z.number(), name: z.string() }),
  region: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable().describe('this sign-in'),
  previousLoginAt: z.string().nullable().describe('the sign-in before this one (上次登录)'),
  csrfToken: z.string().describe('Send back as the x-csrf-token header on every write'),
  today: z.string().describe("the server's date in China (YYYY-MM-DD): the day every rule counts from; forms default to it"),
});
export type Me = z.infer<typeof me>;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const updateProfileBody = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  phone,
  email: z.email().max(128).nullable().optional(),
  language: z.enum(LANGUAGES).optional(),
});
