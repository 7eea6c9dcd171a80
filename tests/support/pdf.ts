import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** pdf.js draws the 14 standard fonts (Helvetica…) from its own font files. */
const FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`

/**
 * Reads a PDF the way a viewer does (pdf.js, Mozilla's renderer): its pages' text, and page 1 drawn
 * into a canvas (@napi-rs/canvas, a prebuilt Skia binary from npm: no native build, no browser).
 */
export async function readPdf(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: FONTS, isEvalSupported: false })
    .promise
  try {
    const parts: string[] = []
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent()
      parts.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '))
    }
    return { pages: doc.numPages, text: parts.join('\n') }
  } finally {
    await doc.destroy()
  }
}

/** Page 1 as PNG bytes at `scale` (1 = 72 dpi), plus the share of pixels that are not white. */
export async function renderPdfPage(
  bytes: Buffer,
  scale = 1.5,
): Promise<{ png: Buffer; inked: number; width: number; height: number }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: FONTS, isEvalSupported: false })
    .promise
  try {
    const page = await doc.getPage(1)
    const viewport = page.getViewport({ scale })
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height))
    const ctx = canvas.getContext('2d')
    // pdf.js draws paths with the Path2D of the same @napi-rs/canvas it loads itself (pinned to its range).
    ctx.fillStyle = 'white'
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    // pdf.js accepts any 2D context; @napi-rs/canvas's is the one it uses itself on Node.
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: ctx as unknown as CanvasRenderingContext2D,
      viewport,
    }).promise
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data
    let inked = 0
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200) inked++
    }
    return {
      png: canvas.toBuffer('image/png'),
      inked: inked / (canvas.width * canvas.height),
      width: canvas.width,
      height: canvas.height,
    }
  } finally {
    await doc.destroy()
  }
}
