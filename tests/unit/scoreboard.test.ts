import { describe, expect, it } from 'vitest'
import {
  compareRanking,
  computeRates,
  formatRate,
  onTimeCounts,
  parsePeriod,
  periodChoices,
  rankingScore,
  rate,
  responseCounts,
  satisfactionCounts,
  weekOf,
  weeksOf,
  type DutyFacts,
  type RatingFacts,
} from '../../app/accountability/scoreboard/rates'

const today = '2026-12-01'
const november = parsePeriod('2026-11', today, '2026-09-01')!

function duty(over: Partial<DutyFacts>): DutyFacts {
  return {
    status: 'in_progress',
    assignedOn: '2026-11-02',
    responseDueOn: '2026-11-06',
    firstProgressOn: null,
    deadline: null,
    resolvedOn: null,
    ...over,
  }
}

describe('periods', () => {
  it('reads months, quarters and the campaign', () => {
    expect(november).toEqual({
      kind: 'month',
      key: '2026-11',
      from: '2026-11-01',
      to: '2026-12-01',
    })
    expect(parsePeriod('2026-12', today, '2026-09-01')!.to).toBe('2027-01-01')
    expect(parsePeriod('2026-Q4', today, '2026-09-01')).toEqual({
      kind: 'quarter',
      key: '2026-Q4',
      from: '2026-10-01',
      to: '2027-01-01',
    })
    expect(parsePeriod('2026-Q1', today, '2026-09-01')!.to).toBe('2026-04-01')
    expect(parsePeriod(null, today, '2026-09-01')).toEqual({
      kind: 'campaign',
      key: 'campaign',
      from: '2026-09-01',
      to: '2026-12-02',
    })
  })

  it('refuses what is not a period', () => {
    for (const bad of ['2026-13', '2026-Q5', '26-11', 'x', '2026-11-01', '9999-01'])
      expect(parsePeriod(bad, today, '2026-09-01'), bad).toBeNull()
  })

  it('offers the campaign, its quarters and months newest first', () => {
    expect(periodChoices('2026-09-15', today)).toEqual([
      'campaign',
      '2026-Q4',
      '2026-Q3',
      '2026-12',
      '2026-11',
      '2026-10',
      '2026-09',
    ])
  })

  it('lists every week of a period from Monday', () => {
    expect(weekOf('2026-11-01')).toBe('2026-10-26') // a Sunday
    expect(weekOf('2026-11-02')).toBe('2026-11-02') // a Monday
    expect(weeksOf(november)).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ])
  })
})

describe('response rate', () => {
  it('counts first updates within the limit among duties whose response is due', () => {
    const duties = [
      duty({ firstProgressOn: '2026-11-03' }), // in time
      duty({ firstProgressOn: '2026-11-06' }), // on the last day: in time
      duty({ firstProgressOn: '2026-11-09' }), // late
      duty({}), // limit passed with no update: late
      duty({ assignedOn: '2026-11-30', responseDueOn: '2026-12-04' }), // not due yet: not counted
      duty({
        assignedOn: '2026-11-30',
        responseDueOn: '2026-12-04',
        firstProgressOn: '2026-12-01',
      }), // answered early: counted
      duty({ assignedOn: '2026-10-30', firstProgressOn: '2026-11-02' }), // another period
    ]
    expect(responseCounts(duties, november, today)).toEqual({ due: 5, met: 3 })
    expect(computeRates(duties, [], november, today).response).toBeCloseTo(0.6)
  })

  it('has no rate, not 0 %, for an empty period', () => {
    const rates = computeRates([], [], november, today)
    expect(rates).toEqual({
      response: null,
      onTime: null,
      satisfaction: null,
      publicSatisfaction: null,
    })
    expect(formatRate(rates.response)).toBeNull()
  })
})

describe('on-time rate', () => {
  it('counts duties resolved by their deadline among those due in the period', () => {
    const duties = [
      duty({ status: 'closed', deadline: '2026-11-20', resolvedOn: '2026-11-18' }), // on time
      duty({ status: 'resolved', deadline: '2026-11-20', resolvedOn: '2026-11-20' }), // on the day
      duty({ status: 'resolved', deadline: '2026-11-20', resolvedOn: '2026-11-23' }), // late
      duty({ status: 'in_progress', deadline: '2026-11-10' }), // overdue
      duty({ status: 'resolved', deadline: '2026-12-10', resolvedOn: '2026-11-25' }), // due in December
      duty({ status: 'assigned', deadline: null }), // ongoing: never due
    ]
    expect(onTimeCounts(duties, november, today)).toEqual({ due: 4, met: 2 })
    expect(computeRates(duties, [], november, today).onTime).toBe(0.5)
  })

  it('judges a reopened duty by its current resolution only', () => {
    const duties = [
      // Resolved on time, rated unsatisfied and reopened: open again, so not on time.
      duty({ status: 'in_progress', deadline: '2026-11-16', resolvedOn: null }),
      // Reopened, then resolved again after its deadline: late.
      duty({ status: 'resolved', deadline: '2026-11-16', resolvedOn: '2026-11-24' }),
      // Reopened, then resolved again within its (new) deadline: on time.
      duty({ status: 'closed', deadline: '2026-11-27', resolvedOn: '2026-11-26' }),
    ]
    expect(onTimeCounts(duties, november, today)).toEqual({ due: 3, met: 1 })
  })

  it('does not count a deadline that is today or later', () => {
    expect(
      onTimeCounts(
        [duty({ deadline: today })],
        parsePeriod('campaign', today, '2026-09-01')!,
        today,
      ),
    ).toEqual({
      due: 0,
      met: 0,
    })
  })
})

describe('satisfaction rate', () => {
  const r = (level: number, reporter = true, ratedOn = '2026-11-10'): RatingFacts => ({
    level,
    reporter,
    ratedOn,
  })

  it('is very satisfied, satisfied and basically satisfied among all reporter ratings', () => {
    const ratings = [
      r(5),
      r(4),
      r(3),
      r(2),
      r(1),
      r(5, true, '2026-10-31'),
      r(1, false),
      r(4, false),
    ]
    expect(satisfactionCounts(ratings, november)).toEqual({
      reporter: { all: 5, satisfied: 3 },
      public: { all: 2, satisfied: 1 },
    })
    const rates = computeRates([], ratings, november, today)
    expect(rates.satisfaction).toBeCloseTo(0.6)
    expect(rates.publicSatisfaction).toBe(0.5)
    expect(formatRate(rates.satisfaction)).toBe('60.0%')
  })

  it('leaves the reporters’ rate empty when only the public rated', () => {
    const rates = computeRates([], [r(5, false)], november, today)
    expect(rates.satisfaction).toBeNull()
    expect(rates.publicSatisfaction).toBe(1)
  })
})

describe('ranking', () => {
  it('ranks by the mean of the known rates, then fewer overdue, units without data last', () => {
    expect(rate(1, 3)).toBeCloseTo(1 / 3)
    expect(rankingScore({ response: 1, onTime: 0.5, satisfaction: null })).toBe(0.75)
    expect(rankingScore({ response: null, onTime: null, satisfaction: null })).toBeNull()
    const units = [
      { name: 'C', score: null, overdue: 0 },
      { name: 'B', score: 0.8, overdue: 3 },
      { name: 'A', score: 0.8, overdue: 1 },
      { name: 'D', score: 0.9, overdue: 9 },
    ]
    expect(units.sort(compareRanking).map((u) => u.name)).toEqual(['D', 'A', 'B', 'C'])
  })
})
