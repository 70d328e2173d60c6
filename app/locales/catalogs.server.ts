import crypto from 'node:crypto'
import en from './en/index'
import type { Messages } from './types'
import zhCN from './zh-CN/index'

/**
 * Every string of both languages, for the server only: a browser gets the current language's
 * namespaces that its page uses (app/platform/i18n.ts), never this module.
 */
export const catalogs: Record<'zh-CN' | 'en', Messages> = { 'zh-CN': zhCN, en }

/** Changes whenever a string does: the browser's cached namespaces are keyed by it. */
export const catalogVersion = crypto
  .createHash('sha256')
  .update(JSON.stringify(catalogs))
  .digest('base64url')
  .slice(0, 12)
