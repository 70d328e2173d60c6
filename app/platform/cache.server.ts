import { getEnv } from './env.server'

/**
 * A short-lived in-process cache for public numbers and reference data that many requests
 * read and few change (home page counts, list totals, scoreboards, category and area lists).
 * Each key is loaded once at a time however many requests ask (single flight). Once a value
 * has expired it is still served while one fresh load runs in the background, so only the
 * very first visitor ever waits; a failed load is not kept. The lifetime is CACHE_SECONDS
 * unless the caller names its own (0 turns caching off, as the tests do). At most
 * MAX_ENTRIES keys are kept, so visitors' arbitrary filters cannot fill the memory.
 */
interface Entry {
  expires: number
  value: Promise<unknown>
  settled: boolean
  refreshing: boolean
}

const MAX_ENTRIES = 2000
const entries = new Map<string, Entry>()

export function cached<T>(key: string, load: () => Promise<T>, seconds?: number): Promise<T> {
  const cacheSeconds = getEnv().CACHE_SECONDS
  const ttl = (cacheSeconds <= 0 ? 0 : (seconds ?? cacheSeconds)) * 1000
  if (ttl <= 0) return load()
  const now = Date.now()
  const hit = entries.get(key)
  if (hit && (hit.expires > now || !hit.settled)) return hit.value as Promise<T>
  if (hit && hit.refreshing) return hit.value as Promise<T>
  if (hit) {
    hit.refreshing = true
    load().then(
      (value) => store(key, Promise.resolve(value), ttl, true),
      () => {
        hit.refreshing = false
        hit.expires = Date.now() + ttl
      },
    )
    return hit.value as Promise<T>
  }
  const value = load()
  const entry = store(key, value, ttl, false)
  value.then(
    () => (entry.settled = true),
    () => entries.get(key) === entry && entries.delete(key),
  )
  return value
}

function store(key: string, value: Promise<unknown>, ttl: number, settled: boolean): Entry {
  const entry: Entry = { expires: Date.now() + ttl, value, settled, refreshing: false }
  entries.delete(key)
  entries.set(key, entry)
  if (entries.size > MAX_ENTRIES) {
    const now = Date.now()
    for (const [k, e] of entries) if (e.expires <= now && e.settled) entries.delete(k)
    for (const k of entries.keys()) {
      if (entries.size <= MAX_ENTRIES) break
      entries.delete(k)
    }
  }
  return entry
}

/** Forget cached values whose key starts with `prefix` (after an edit of reference data). */
export function forgetCached(prefix = ''): void {
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key)
}
