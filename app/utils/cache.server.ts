import { getEnv } from '../env.server'

/**
 * A short-lived in-process cache for public numbers and reference data that many requests
 * read and few change (home page counts, category and area lists). Each key is loaded once at
 * a time however many requests ask (single flight); a failed load is not kept. The lifetime
 * is CACHE_SECONDS (0 turns caching off, as the tests do).
 */
const entries = new Map<string, { expires: number; value: Promise<unknown> }>()

export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const ttl = getEnv().CACHE_SECONDS * 1000
  if (ttl <= 0) return load()
  const now = Date.now()
  const hit = entries.get(key)
  if (hit && hit.expires > now) return hit.value as Promise<T>
  const value = load()
  entries.set(key, { expires: now + ttl, value })
  value.catch(() => entries.delete(key))
  return value
}

/** Forget cached values whose key starts with `prefix` (after an edit of reference data). */
export function forgetCached(prefix = ''): void {
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key)
}
