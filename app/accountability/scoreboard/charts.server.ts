import * as echarts from 'echarts'

/**
 * Charts drawn on the server as SVG by Apache ECharts (`ssr: true`), so they are read without
 * JavaScript; every chart also has a data table beside it.
 */
const palette = ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a']
// Single quotes: ECharts writes the family unescaped into a double-quoted style attribute, and
// a double quote there ends the attribute, so the image would not be well-formed XML and would
// not load at all.
const font = "'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"
/**
 * Drawn for a phone: 340 units wide, shown 328–544 px wide (`width: 100%` over the viewBox), so
 * 14-unit text is never under 13 px on screen. ECharts sets 12 on axes and legends itself, so
 * each text style names the size.
 */
export const chartSize = { width: 340, height: 280 }
const width = chartSize.width
export const fontSize = 14
const text = { fontSize }
const axis = { axisLabel: text, nameTextStyle: text }

/** One chart as a labelled SVG image document, drawn `width` × `height` units. */
export function renderChart(
  option: echarts.EChartsCoreOption,
  label: string,
  height = chartSize.height,
): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({
      animation: false,
      color: palette,
      textStyle: { fontFamily: font, fontSize, color: '#222' },
      ...option,
    })
    const svg = chart.renderToSVGString()
    const escaped = label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
    // The figure's caption and table carry the meaning; the picture is labelled as one image.
    return stable(
      svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" focusable="false" `),
    )
  } finally {
    chart.dispose()
  }
}

/**
 * Each chart is its own image document, so ECharts' process-wide counters in its ids and
 * class names ('zr7-c0', 'zr7-g1', 'zr7-cls-12') are renumbered from zero in order of appearance: the
 * same figures then give the same bytes (and the same ETag) however many charts came before.
 */
function stable(svg: string): string {
  const names = new Map<string, string>()
  return svg.replace(/\bzr\d+-(cls-)?(\d+|[a-z]+\d+)\b/g, (found, cls: string | undefined) => {
    let name = names.get(found)
    if (!name) names.set(found, (name = `zr0-${cls ?? 'id-'}${names.size}`))
    return name
  })
}

export function trendChart(
  label: string,
  weeks: string[],
  series: Array<{ name: string; data: number[] }>,
): string {
  return renderChart(
    {
      legend: { top: 0, textStyle: text },
      grid: { left: 36, right: 12, top: 56, bottom: 32 },
      xAxis: { type: 'category', data: weeks.map((w) => w.slice(5)), ...axis },
      yAxis: { type: 'value', minInterval: 1, ...axis },
      series: series.map((s) => ({ ...s, type: 'line', symbolSize: 6 })),
    },
    label,
  )
}

export function statusChart(label: string, slices: Array<{ name: string; value: number }>): string {
  return renderChart(
    {
      legend: { bottom: 0, textStyle: text },
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}: {c}', fontSize },
          data: slices.filter((s) => s.value > 0),
        },
      ],
    },
    label,
  )
}

export function ratingsChart(
  label: string,
  levels: string[],
  series: Array<{ name: string; data: number[] }>,
): string {
  return renderChart(
    {
      legend: { top: 0, textStyle: text },
      grid: { left: 36, right: 12, top: 56, bottom: 32 },
      // Every level is named, wrapped onto two lines where it is long.
      xAxis: {
        type: 'category',
        data: levels,
        ...axis,
        axisLabel: { ...text, interval: 0, width: 56, overflow: 'break' },
      },
      yAxis: { type: 'value', minInterval: 1, ...axis },
      series: series.map((s) => ({ ...s, type: 'bar', barMaxWidth: 32 })),
    },
    label,
  )
}
