/**
 * Splits text into parts of at most `limit` characters, preferring paragraph, then line, then sentence,
 * then word boundaries, and marks each part "(1/3)" when there is more than one.
 */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text]
  const marker = 8 // room for " (12/34)"
  const parts: string[] = []
  let rest = text.trim()
  while (rest.length > limit - marker) {
    const window = rest.slice(0, limit - marker)
    const cut = bestCut(window)
    parts.push(rest.slice(0, cut).trimEnd())
    rest = rest.slice(cut).trimStart()
  }
  if (rest) parts.push(rest)
  return parts.map((p, i) => `${p} (${i + 1}/${parts.length})`)
}

function bestCut(window: string): number {
  const min = Math.floor(window.length / 2) // never leave a tiny first part
  for (const sep of ['\n\n', '\n', '. ', '! ', '? ', '; ', ', ', ' ']) {
    const at = window.lastIndexOf(sep)
    if (at >= min) return at + sep.length
  }
  return window.length
}
