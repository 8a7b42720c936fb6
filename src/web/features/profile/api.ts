import { useMutation } from '@tanstack/react-query';
import type { Language } from '../../../shared/roles';
import { sessionApi } from '../../session/api';
import { useSession } from '../../session/SessionProvider';

export interface ProfileValues {
  displayName: string;
  phone?: string;
  email?: string;
  language: Language;
}

/** Empty contact fields mean "remove", which the API spells null. */
export function useUpdateProfile() {
  const { setMe } = useSession();
  return useMutation({
    mutationFn: (v: ProfileValues) =>
      sessionApi.updateProfile({
        displayName: v.displayName.trim(),
        phone: v.phone?.trim() || null,
        email: v.email?.trim() || null,
        language: v.language,
      }),
    onSuccess: setMe,
  });
}
