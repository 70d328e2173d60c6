import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import {
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  processImage,
} from '../../app/reporting/attachment.server'

/** A PNG of the given size whose file is small (one colour): a decompression bomb's shape. */
async function png(width: number, height: number): Promise<File> {
  const data = await sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .png({ compressionLevel: 9 })
    .toBuffer()
  return new File([new Uint8Array(data)], 'large.png', { type: 'image/png' })
}

describe('image processing is bounded', () => {
  it('refuses a photo over the pixel limit from its header, however small its file', async () => {
    const file = await png(6001, 4000)
    expect(file.size).toBeLessThan(MAX_IMAGE_BYTES)
    expect(6001 * 4000).toBeGreaterThan(MAX_IMAGE_PIXELS)
    expect(await processImage(file)).toBe('tooLarge')
  })

  it(
    'keeps memory flat across 50 large photos uploaded at once',
    { timeout: 240_000 },
    async () => {
      const file = await png(6000, 4000)
      expect(file.size).toBeLessThan(MAX_IMAGE_BYTES)
      // One first, so libraries and pools are loaded before the baseline.
      expect(await processImage(file)).toMatchObject({ width: 1600, height: 1067 })
      const baseline = process.memoryUsage().rss
      let peak = baseline
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss)
      }, 10)
      const results = await Promise.all(Array.from({ length: 50 }, () => processImage(file)))
      clearInterval(sampler)
      peak = Math.max(peak, process.memoryUsage().rss)
      const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
      console.info(
        `50 photos of 6000×4000 at once: RSS ${mb(baseline)} MB before, peak ${mb(peak)} MB (+${mb(peak - baseline)} MB)`,
      )
      expect(results.every((r) => typeof r === 'object' && r.width === 1600)).toBe(true)
      // Measured: about +215 MB one at a time, +306 MB when sharp decodes four at once.
      expect(peak - baseline).toBeLessThan(260 * 1024 * 1024)
    },
  )
})
