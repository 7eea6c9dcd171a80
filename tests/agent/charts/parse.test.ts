import { describe, expect, it } from 'vitest'
import { parseChartCommand } from '../../../src/agent/charts/parse.js'

describe('chart requests by chat', () => {
  it.each([
    ['chart sleep this week', { kind: 'chart', chart: 'sleep', days: 7 }],
    ['Chart sleep this week.', { kind: 'chart', chart: 'sleep', days: 7 }],
    ['sleep chart', { kind: 'chart', chart: 'sleep', days: 7 }],
    ['feeds chart last 30 days', { kind: 'chart', chart: 'feeds', days: 30 }],
    ['chart of feeds for Maya this month', { kind: 'chart', chart: 'feeds', days: 30, dependent: 'Maya' }],
    ['growth chart for Maya', { kind: 'chart', chart: 'growth', days: 7, dependent: 'Maya' }],
    ["Maya's growth chart", { kind: 'chart', chart: 'growth', days: 7, dependent: 'Maya' }],
    ['head circumference chart for Leo', { kind: 'chart', chart: 'head', days: 7, dependent: 'Leo' }],
    ['graph her weight', { kind: 'chart', chart: 'growth', days: 7 }],
    ['visit summary for Maya', { kind: 'visit_summary', dependent: 'Maya' }],
    ['pediatrician summary', { kind: 'visit_summary' }],
    ['Maya is a girl', { kind: 'set_sex', dependent: 'Maya', sex: 'female' }],
    ['leo is a boy!', { kind: 'set_sex', dependent: 'leo', sex: 'male' }],
  ])('%s', (text, expected) => {
    expect(parseChartCommand(text)).toEqual(expected)
  })

  it.each([
    'what does her sleep chart say about naps?',
    'sleep chart last 14 days',
    'the chart is wrong',
    'fed 120 ml',
    'sleep',
    'Maya is a bit fussy',
  ])('leaves "%s" to the next stage', (text) => {
    expect(parseChartCommand(text)).toBeUndefined()
  })
})
