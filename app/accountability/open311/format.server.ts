import { DomainError } from '../../platform/errors'
import { translator } from '../../platform/i18n'
import { machineHeaders } from '../../platform/response/security-headers.server'

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) on the wire: every answer in
 * JSON or XML as the client asked, errors as the specification's list of { code, description }.
 */
export type Format = 'json' | 'xml'

/** 'requests.json' → ['requests', 'json']; null for another extension. */
export function splitFormat(value: string | undefined): [string, Format] | null {
  const match = /^(.+)\.(json|xml)$/.exec(value ?? '')
  return match ? [match[1]!, match[2] === 'xml' ? 'xml' : 'json'] : null
}

// Which element each list's items take in XML, as the specification's examples have them.
const itemNames: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
  services: 'service',
  service_requests: 'request',
  errors: 'error',
}

/** XML 1.0 allows tab, line breaks and everything from space up, except surrogates and FFFE/FFFF. */
function allowedInXml(char: string): boolean {
  const code = char.codePointAt(0)!
  if (code === 0x9 || code === 0xa || code === 0xd) return true
  if (code < 0x20 || code === 0xfffe || code === 0xffff) return false
  return code < 0xd800 || code > 0xdfff
}

function escapeXml(value: string): string {
  return Array.from(value)
    .filter(allowedInXml)
    .join('')
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function xmlNode(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item'
    return `<${name}>${value.map((v) => xmlNode(item, v)).join('')}</${name}>`
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([k, v]) => xmlNode(k, v))
      .join('')
    return `<${name}>${inner}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

export function respond(format: Format, root: string, body: unknown, status = 200): Response {
  if (format === 'xml') {
    return new Response(`<?xml version="1.0" encoding="utf-8"?>${xmlNode(root, body)}`, {
      status,
      headers: {
        ...machineHeaders,
        'Content-Type': 'text/xml; charset=utf-8',
        'Access-Control-Allow-Origin': '*',
      },
    })
  }
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      ...machineHeaders,
      'Content-Type': 'application/json; charset=utf-8',
      'Access-Control-Allow-Origin': '*',
    },
  })
}

// Open311 clients are programs that expect the specification's English descriptions.
const english = translator('en')

/** The specification's error answer: a list of { code, description }. */
export function errorResponse(format: Format, error: DomainError): Response {
  const description = english(error.key, error.values)
  return respond(format, 'errors', [{ code: error.status, description }], error.status)
}

/** Runs an endpoint; a DomainError becomes the specification's error list in the asked format. */
export async function handleOpen311(
  format: Format,
  run: () => Promise<Response>,
): Promise<Response> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof DomainError) return errorResponse(format, error)
    throw error
  }
}

/** W3C datetime in China time: 2026-11-02T10:00:00+08:00. */
export function w3cDate(date: Date): string {
  const china = new Date(date.getTime() + 8 * 3600 * 1000)
  return `${china.toISOString().slice(0, 19)}+08:00`
}
