import { afterEach, describe, expect, it } from 'vitest'
import { getEnv, resetEnv } from '../../app/platform/env.server'

const saved = { PORT: process.env.PORT, PUBLIC_URL: process.env.PUBLIC_URL }

afterEach(() => {
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  resetEnv()
})

describe('the public address', () => {
  it('follows PORT when PUBLIC_URL is unset, so links point at the server that sent them', () => {
    delete process.env.PUBLIC_URL
    process.env.PORT = '3300'
    resetEnv()
    expect(getEnv().PUBLIC_URL).toBe('http://localhost:3300')
  })

  it('is port 3000 when neither is set', () => {
    delete process.env.PUBLIC_URL
    delete process.env.PORT
    resetEnv()
    expect(getEnv().PUBLIC_URL).toBe('http://localhost:3000')
  })

  it('is PUBLIC_URL when it is set, whatever PORT is', () => {
    process.env.PUBLIC_URL = 'https://kaimen.example.gov.cn'
    process.env.PORT = '3300'
    resetEnv()
    expect(getEnv().PUBLIC_URL).toBe('https://kaimen.example.gov.cn')
  })
})
