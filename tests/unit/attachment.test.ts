import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { MAX_IMAGE_BYTES, processImage } from '../../app/reporting/attachment.server'

async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({
      IFD0: { Copyright: 'private', ImageDescription: 'home' },
      IFD3: { GPSLatitudeRef: 'N' },
    })
    .toBuffer()
}

describe('uploaded images', () => {
  it('re-encodes a photo by its content, drops EXIF and caps its size', async () => {
    const input = await jpegWithExif()
    expect((await sharp(input).metadata()).exif).toBeDefined()
    const result = await processImage(
      new File([new Uint8Array(input)], 'photo.png', { type: 'image/png' }),
    )
    if (typeof result === 'string') throw new Error(result)
    expect(result.mime).toBe('image/jpeg')
    expect(result.width).toBe(1600)
    expect(result.height).toBe(800)
    const meta = await sharp(result.data).metadata()
    expect(meta.exif).toBeUndefined()
  })

  it('refuses a file that only pretends to be an image', async () => {
    const fake = new File([new TextEncoder().encode('<script>alert(1)</script>')], 'x.jpg', {
      type: 'image/jpeg',
    })
    expect(await processImage(fake)).toBe('notImage')
  })

  it('refuses an image in a format we do not accept', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer()
    expect(await processImage(new File([new Uint8Array(gif)], 'a.gif'))).toBe('notImage')
  })

  it('refuses an oversized file before reading it', async () => {
    const big = new File([new Uint8Array(MAX_IMAGE_BYTES + 1)], 'big.jpg', { type: 'image/jpeg' })
    expect(await processImage(big)).toBe('tooLarge')
  })
})
