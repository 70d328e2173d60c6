import type { DutyMode, DutyStatus } from '../../../db/schema'

/**
 * The duty list as the offices' familiar spreadsheet (履职清单): one layout, used by the export
 * and checked by the import, so a file exported here imports back unchanged. The header,
 * status words and deadline words are Chinese whatever the reader's language: they are the
 * file format, not the interface (decision 013).
 */
export const SHEET_NAME = '履职清单'

export const SHEET_COLUMNS = [
  { key: 'index', header: '序号', width: 6, required: false, max: 10 },
  { key: 'title', header: '问题描述', width: 40, required: true, max: 500 },
  { key: 'commitment', header: '整改措施', width: 50, required: true, max: 2000 },
  { key: 'unit', header: '责任单位', width: 22, required: true, max: 100 },
  { key: 'leader', header: '责任领导', width: 22, required: true, max: 100 },
  { key: 'deadline', header: '完成时限', width: 16, required: true, max: 40 },
  { key: 'progress', header: '进展情况', width: 40, required: false, max: 2000 },
  { key: 'status', header: '状态', width: 12, required: true, max: 20 },
] as const

export type SheetColumnKey = (typeof SHEET_COLUMNS)[number]['key']

export const STATUS_WORDS: Record<DutyStatus, string> = {
  assigned: '已交办',
  in_progress: '整改中',
  resolved: '已整改',
  closed: '已办结',
}
export const ONGOING_WORD = '长期坚持'
export const IMMEDIATE_WORD = '立行立改'

export interface SheetRow {
  title: string
  commitment: string
  unit: string
  leaderName: string
  leaderTitle: string
  mode: DutyMode
  deadline: string | null
  progress: string
  status: DutyStatus
}
