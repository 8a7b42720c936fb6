import type { Permission } from '../../domain/access';
import type { Me } from '../../shared/api/auth';
import type { Language } from '../../shared/roles';
import { api } from '../api/client';

export type { Me, Permission };

export const sessionApi = {
  me: () => api.get<Me>('/auth/me', undefined, { quiet401: true }),
  login: (username: string, password: string) =>
    api.post<Me>('/auth/login', { username, password }, { quiet401: true }),
  logout: () => api.post('/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post('/auth/password', { currentPassword, newPassword }),
  updateProfile: (patch: { displayName?: string; phone?: string | null; email?: string | null; language?: Language }) =>
    api.patch<Me>('/auth/me', patch),
};
