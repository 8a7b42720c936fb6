import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';

/** Zod's own messages in each UI language: used for request validation errors and for data checked in use cases. */
export const zodLocales = { 'zh-CN': zhCN(), en: en() };
