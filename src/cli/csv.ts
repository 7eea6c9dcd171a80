import type { ExportTable } from '../domain/export/tables.js'

/**
 * CSV as RFC 4180 writes it: records end in CRLF; a field that contains a comma, a double quote, CR or
 * LF is enclosed in double quotes, and a double quote inside it is doubled. Nothing else is changed, so
 * a value reads back exactly (no trimming, no spreadsheet-formula escaping).
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

export function csvRecord(fields: string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`
}

/** One table as a plain CSV file: a header record, then one record per row. */
export function csvTable(t: ExportTable): string {
  return csvRecord(t.columns) + t.rows.map(csvRecord).join('')
}

/**
 * Several tables in one stream (docs/decisions/0008-cli-export-format.md): each starts with a line
 * `# <table>`, then its header and rows, and a blank line ends it. Split at the `# ` lines that are not
 * inside a quoted field and each part is a valid CSV file; `--table` gives one table alone.
 */
export function csvSections(tables: ExportTable[]): string {
  return tables.map((t) => `# ${t.name}\r\n${csvTable(t)}\r\n`).join('')
}
