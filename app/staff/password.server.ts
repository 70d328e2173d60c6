import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id minimum (19 MiB, 2 passes) keeps sign-in fast on a 2-core server.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false)
}
