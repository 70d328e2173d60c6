import * as echarts from 'echarts'

/**
 * Charts drawn on the server as SVG by Apache ECharts (`ssr: true`), so they are read without
 * JavaScript; every chart also has a data table beside it.
 */
const palette = ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a']
const font = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'

function render(option: echarts.EChartsCoreOption, label: string, height = 300): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height })
  try {
    chart.setOption({
      animation: false,
      color: palette,
      textStyle: { fontFamily: font, fontSize: 13, color: '#222' },
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
 * class names ('zr7-c0', 'zr7-cls-12') are renumbered from zero in order of appearance: the
 * same figures then give the same bytes (and the same ETag) however many charts came before.
 */
function stable(svg: string): string {
  const names = new Map<string, string>()
  return svg.replace(/\bzr\d+-(cls-)?(\d+|c\d+)\b/g, (found, cls: string | undefined) => {
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
  return render(
    {
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: weeks.map((w) => w.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ ...s, type: 'line', symbolSize: 6 })),
    },
    label,
  )
}

export function statusChart(label: string, slices: Array<{ name: string; value: number }>): string {
  return render(
    {
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}: {c}' },
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
  return render(
    {
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: levels },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ ...s, type: 'bar', barMaxWidth: 32 })),
    },
    label,
  )
}
