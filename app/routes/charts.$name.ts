import type { LoaderFunctionArgs } from '@remix-run/node'
import { areaMapView } from '../accountability/area-map/area-map.server'
import {
  chartNames,
  chartSvg,
  type ChartName,
} from '../accountability/scoreboard/scoreboard-view.server'
import { getDb } from '../platform/db.server'
import { getEnv } from '../platform/env.server'
import { validatedResponse } from '../platform/response/etag.server'
import { invariantResponse } from '../platform/http.server'
import { isLocale } from '../platform/i18n'

/**
 * /charts/<trend|status|ratings>.svg?period=…&lang=…[&unit=…]: one scoreboard chart as an
 * image, drawn from the same kept figures as the page that links it (issue 16);
 * /charts/area-map.svg?lang=…: the streets shaded by their open reports (issue 17).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = /^([\w-]+)\.svg$/.exec(params.name ?? '')?.[1]
  const query = new URL(request.url).searchParams
  const lang = query.get('lang')
  if (name === 'area-map') {
    invariantResponse(isLocale(lang), 'Bad request')
    const { svg } = await areaMapView(await getDb(), lang)
    invariantResponse(svg, 'Not found', { status: 404 })
    return image(request, svg)
  }
  invariantResponse(name && (chartNames as readonly string[]).includes(name), 'Not found', {
    status: 404,
  })
  const unit = query.get('unit')
  const unitId = unit === null ? undefined : Number(unit)
  invariantResponse(
    isLocale(lang) && (unitId === undefined || (Number.isSafeInteger(unitId) && unitId > 0)),
    'Bad request',
  )
  const svg = await chartSvg(await getDb(), name as ChartName, query.get('period'), lang, unitId)
  invariantResponse(svg, 'Not found', { status: 404 })
  return image(request, svg)
}

function image(request: Request, svg: string) {
  return validatedResponse(request, svg, {
    'Content-Type': 'image/svg+xml; charset=utf-8',
    'Cache-Control': `public, max-age=${Math.min(getEnv().SCOREBOARD_SECONDS, 300)}`,
    'X-Content-Type-Options': 'nosniff',
  })
}
