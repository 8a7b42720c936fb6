import { useQuery } from '@tanstack/react-query';
import type { DocumentSettingsInput, DocumentSettingsView } from '../../../shared/api/settings';
import { api } from '../../api/client';

export type { DocumentSettingsInput, DocumentSettingsView };

export const DOCUMENT_SETTINGS_KEY = ['settings', 'documents'] as const;

/** 文书设置: the issuer name and 机关代字 as set, their defaults, this year's numbering (admin). */
export const useDocumentSettings = () => useQuery({ queryKey: DOCUMENT_SETTINGS_KEY, queryFn: () => api.get<DocumentSettingsView>('/settings/documents') });

export const saveDocumentSettings = (body: DocumentSettingsInput) => api.put<DocumentSettingsView>('/settings/documents', body);
