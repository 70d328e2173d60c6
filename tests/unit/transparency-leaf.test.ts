import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  canonicalEvent,
  canonicalJson,
  eventLeaf,
  isPrivateLeaf,
  newLeafSalt,
  type LogEvent,
} from '../../app/transparency/leaf'

const event: LogEvent = {
  seq: 42,
  id: '0b7e6a52-1f1c-4c55-9d7b-0c7cbb1c6f0e',
  type: 'report.submitted',
  reportId: 7,
  dutyId: null,
  actor: 'reporter',
  public: true,
  data: { title: '食堂', tags: ['b', 'a'], nested: { z: 1, a: [{ y: true, x: null }] } },
  occurredAt: new Date('2025-03-01T08:30:00.123Z'),
}

describe('canonical encoding', () => {
  it('is one line of JSON with keys sorted at every depth', () => {
    expect(canonicalEvent(event).toString('utf8')).toBe(
      '{"actor":"reporter",' +
        '"data":{"nested":{"a":[{"x":null,"y":true}],"z":1},"tags":["b","a"],"title":"食堂"},' +
        '"dutyId":null,"id":"0b7e6a52-1f1c-4c55-9d7b-0c7cbb1c6f0e",' +
        '"occurredAt":"2025-03-01T08:30:00.123Z","public":true,"reportId":7,' +
        '"seq":42,"type":"report.submitted"}',
    )
  })

  it('does not depend on the order keys were written in, or on a round trip through JSON', () => {
    const reordered: LogEvent = {
      ...event,
      data: { nested: { a: [{ x: null, y: true }], z: 1 }, title: '食堂', tags: ['b', 'a'] },
    }
    expect(canonicalEvent(reordered)).toEqual(canonicalEvent(event))
    const roundTrip = { ...event, data: JSON.parse(JSON.stringify(event.data)) as unknown }
    expect(canonicalEvent(roundTrip)).toEqual(canonicalEvent(event))
  })

  it('sorts keys by UTF-16 code units, leaves out undefined members, and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ b: 1, a: 2, B: 3, é: 4, '10': 5, '9': 6 })).toBe(
      '{"10":5,"9":6,"B":3,"a":2,"b":1,"é":4}',
    )
    expect(canonicalJson({ a: undefined, b: [1.5, -0, 1e21, 'x\n"'] })).toBe(
      '{"b":[1.5,0,1e+21,"x\\n\\""]}',
    )
    for (const bad of [
      NaN,
      Infinity,
      1n,
      () => 1,
      new Date(0),
      new Map(),
      [undefined],
      Symbol('s'),
    ]) {
      expect(() => canonicalJson(bad), String(typeof bad)).toThrow()
    }
    expect(() => canonicalEvent({ ...event, seq: 1.5 })).toThrow()
    expect(() => canonicalEvent({ ...event, occurredAt: new Date('nope') })).toThrow()
  })
})

describe('leaves', () => {
  it('publishes a public event as its canonical encoding', () => {
    expect(eventLeaf(event)).toEqual(canonicalEvent(event))
    expect(isPrivateLeaf(eventLeaf(event))).toBe(false)
    expect(() => eventLeaf(event, newLeafSalt())).toThrow(/public/)
  })

  it('publishes a private event only as a salted commitment', () => {
    const secret: LogEvent = {
      ...event,
      public: false,
      actor: 'staff:12',
      data: { phone: '13800138000' },
    }
    const salt = newLeafSalt()
    const leaf = eventLeaf(secret, salt)
    const text = leaf.toString('utf8')
    expect(text).toMatch(/^private\n[0-9a-f]{64}$/)
    expect(isPrivateLeaf(leaf)).toBe(true)
    const expected = createHash('sha256').update(salt).update(canonicalEvent(secret)).digest('hex')
    expect(text).toBe(`private\n${expected}`)
    for (const revealing of ['13800138000', 'staff', secret.id, 'report']) {
      expect(text).not.toContain(revealing)
    }
    // Same event, same salt: same leaf; another salt: unrelated leaf.
    expect(eventLeaf(secret, Buffer.from(salt))).toEqual(leaf)
    expect(eventLeaf(secret, newLeafSalt())).not.toEqual(leaf)
    // Any change to the event changes the commitment.
    expect(eventLeaf({ ...secret, data: { phone: '13800138001' } }, salt)).not.toEqual(leaf)
  })

  it('needs a 32-byte salt for a private event', () => {
    const secret = { ...event, public: false }
    expect(() => eventLeaf(secret)).toThrow(/salt/)
    expect(() => eventLeaf(secret, null)).toThrow(/salt/)
    expect(() => eventLeaf(secret, Buffer.alloc(16))).toThrow(/salt/)
    expect(newLeafSalt()).toHaveLength(32)
    expect(newLeafSalt()).not.toEqual(newLeafSalt())
  })

  it('refuses a public event too large for an entry bundle', () => {
    const huge = { ...event, data: { text: 'x'.repeat(70_000) } }
    expect(() => eventLeaf(huge)).toThrow(/65535/)
    expect(eventLeaf({ ...huge, public: false }, newLeafSalt()).length).toBe(72)
  })
})
