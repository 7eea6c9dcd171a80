import type { ExportTable } from '../domain/export/tables.js'

/**
 * CSV as RFC 4180 writes it: records end in CRLF; a field that contains a comma, a double quote, CR or
 * LF is enclosed in double quotes, and a double quote inside it is doubled.
 *
 * One change to values: a cell that starts with =, +, -, @, tab or CR gets a leading apostrophe, so a
 * spreadsheet shows it as text instead of running it as a formula (OWASP, "CSV Injection"). Names and
 * notes come from chat, typed by anyone in the family; the parent opening the export must be safe.
 * Phone numbers ("+1555…") then also stay text, which keeps their +. The JSON export is the exact copy.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
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
