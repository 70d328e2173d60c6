import { describe, expect, it, beforeAll } from 'vitest'
import { seed } from '../../db/seed'
import { loader as chartLoader } from '../../app/routes/charts.$name'
import { setupTestDatabase } from '../support/database'
import { getRequest } from '../support/requests'

const database = setupTestDatabase()
const db = () => database.current.db

beforeAll(async () => {
  await seed(db(), { demo: true })
})

describe('smoke', () => {
  it('draws', async () => {
    const res = (await chartLoader({
      request: getRequest('/charts/area-map.svg?lang=zh-CN'),
      params: { name: 'area-map.svg' },
      context: {},
    })) as Response
    const text = await res.text()
    require('node:fs').writeFileSync('/tmp/h17m/map.svg', text)
    expect(res.status).toBe(200)
  })
})
