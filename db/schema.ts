import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>
/** A calendar day, always 'YYYY-MM-DD' (the pg and PGlite type parsers are set to keep it a string). */
type Day = ColumnType<string, string, string>
type NullableDay = ColumnType<string | null, string | null | undefined, string | null>
type Json = ColumnType<unknown, string, string>

export type ReportKind = 'concern' | 'demand'
export type ReportStatus = 'pending' | 'accepted' | 'declined' | 'merged'
export type DutyStatus = 'assigned' | 'in_progress' | 'resolved' | 'closed'
export type DutyMode = 'immediate' | 'deadline' | 'ongoing'
export type StaffRole = 'coordinator' | 'unit_staff' | 'admin'
export type DisplayPreference = 'masked' | 'anonymous'
export type DemandType =
  'policy' | 'approval' | 'financing' | 'hiring' | 'premises' | 'inspection' | 'other'
export type AreaLevel = 'district' | 'street' | 'community'
export type UnitKind = 'office' | 'street' | 'department' | 'enterprise_service'
export type CommentStatus = 'pending' | 'published' | 'hidden'
export type OutboxStatus = 'pending' | 'sent' | 'kept' | 'failed'

export interface UnitTable {
  id: Generated<number>
  slug: string
  name: string
  name_en: string
  kind: UnitKind
  parent_id: number | null
  phone: string | null
  sort_order: Generated<number>
  created_at: Timestamp
}

export interface AreaTable {
  id: Generated<number>
  code: string
  name: string
  name_en: string
  level: AreaLevel
  parent_id: number | null
  sort_order: Generated<number>
  /** A street's GeoJSON MultiPolygon for the area map (migration 0010); written as JSON text. */
  boundary: ColumnType<AreaBoundary | null, string | null | undefined, string | null>
}

/** A GeoJSON MultiPolygon: polygons of rings of [longitude, latitude] positions. */
export interface AreaBoundary {
  type: 'MultiPolygon'
  coordinates: number[][][][]
}

export interface CategoryTable {
  id: Generated<number>
  slug: string
  kind: ReportKind
  name: string
  name_en: string
  response_days: number
  resolution_days: number
  default_unit_id: number
  sort_order: Generated<number>
}

export interface RoutingRuleTable {
  id: Generated<number>
  category_id: number
  area_id: number
  unit_id: number
}

export interface StaffUserTable {
  id: Generated<number>
  email: string
  name: string
  password_hash: string
  role: StaffRole
  unit_id: number | null
  failed_logins: Generated<number>
  locked_until: NullableTimestamp
  disabled_at: NullableTimestamp
  created_at: Timestamp
}

export interface SessionTable {
  id: string
  created_at: Timestamp
  expires_at: Timestamp
}

export interface StaffSessionTable extends SessionTable {
  staff_user_id: number
}

export interface PublicSessionTable extends SessionTable {
  public_user_id: number
}

export interface PublicUserTable {
  id: Generated<number>
  email: string
  display_name: string | null
  verified_at: Timestamp
  blocked_at: NullableTimestamp
}

export interface OtpChallengeTable {
  id: Generated<number>
  email: string
  secret: string
  attempts: Generated<number>
  created_at: Timestamp
  expires_at: Timestamp
  used_at: NullableTimestamp
}

export interface ReportTable {
  id: Generated<number>
  tracking_code: string
  follow_token: string
  idempotency_key: string | null
  kind: ReportKind
  category_id: number
  area_id: number
  title: string
  body: string
  /** What the public reads: title and body with personal data masked (app/privacy/public-text). */
  title_public: string
  body_public: string
  address: string | null
  address_public: Generated<boolean>
  contact_name: string | null
  contact_mobile: string | null
  contact_email: string | null
  display: DisplayPreference
  company_name: string | null
  credit_code: string | null
  demand_type: DemandType | null
  status: Generated<ReportStatus>
  decline_reason: string | null
  merged_into_id: number | null
  proposed_unit_id: number | null
  created_at: Timestamp
  updated_at: Timestamp
  anonymized_at: NullableTimestamp
}

export interface DutyTable {
  id: Generated<number>
  unit_id: number
  category_id: number
  area_id: number | null
  topic_id: number | null
  title: string
  commitment: string
  leader_name: string
  leader_title: string
  mode: DutyMode
  deadline: NullableDay
  status: Generated<DutyStatus>
  progress: Generated<number>
  resolution_summary: string | null
  resolution_summary_public: string | null
  version: Generated<number>
  reopened_count: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
  first_progress_at: NullableTimestamp
  resolved_at: NullableTimestamp
  closed_at: NullableTimestamp
}

export interface DutyCoUnitTable {
  duty_id: number
  unit_id: number
}

export interface DutyReportTable {
  duty_id: number
  report_id: number
  linked_at: Timestamp
}

export interface MilestoneTable {
  id: Generated<number>
  duty_id: number
  title: string
  due_on: NullableDay
  done_at: NullableTimestamp
  sort_order: Generated<number>
}

export interface ProgressUpdateTable {
  id: Generated<number>
  duty_id: number
  staff_user_id: number | null
  body: string
  body_public: string
  progress: number
  created_at: Timestamp
}

export interface AttachmentTable {
  id: Generated<number>
  storage_key: string
  mime: 'image/jpeg' | 'image/png' | 'image/webp'
  bytes: number
  width: number | null
  height: number | null
  role: 'photo' | 'before' | 'after' | 'evidence'
  report_id: number | null
  progress_update_id: number | null
  duty_id: number | null
  created_at: Timestamp
}

export interface CommentTable {
  id: Generated<number>
  duty_id: number | null
  report_id: number | null
  parent_id: number | null
  public_user_id: number | null
  staff_user_id: number | null
  official: Generated<boolean>
  body: string
  body_public: string
  status: CommentStatus
  hidden_reason: string | null
  moderated_at: NullableTimestamp
  flag_count: Generated<number>
  created_at: Timestamp
}

export interface CommentFlagTable {
  comment_id: number
  reporter_key: string
  reason: string | null
  created_at: Timestamp
}

export interface RatingTable {
  id: Generated<number>
  duty_id: number
  report_id: number | null
  public_user_id: number | null
  /** 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意 */
  level: number
  reason: string | null
  reason_public: string | null
  /** voided: an appeal was upheld; superseded: given on a resolution the duty has since replaced. */
  status: Generated<'valid' | 'voided' | 'superseded'>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface DutyReviewTable {
  id: Generated<number>
  duty_id: number
  rating_id: number | null
  reason: string
  status: Generated<'open' | 'reopened' | 'dismissed'>
  decision_note: string | null
  decided_at: NullableTimestamp
  created_at: Timestamp
}

export interface RatingAppealTable {
  id: Generated<number>
  rating_id: number
  staff_user_id: number
  reason: string
  status: Generated<'open' | 'upheld' | 'rejected'>
  decision_note: string | null
  decided_at: NullableTimestamp
  created_at: Timestamp
}

export interface TopicTable {
  id: Generated<number>
  slug: string
  title: string
  description: string
  lead_unit_id: number
  status: Generated<'open' | 'concluded'>
  created_at: Timestamp
}

export interface TopicDutyTable {
  topic_id: number
  duty_id: number
}

export interface RuleChangeTable {
  id: Generated<number>
  unit_id: number
  title: string
  action: 'established' | 'revised' | 'abolished'
  summary: string
  document_url: string | null
  effective_on: Day
  created_at: Timestamp
}

export interface RuleChangeDutyTable {
  rule_change_id: number
  duty_id: number
}

export interface NoticeTable {
  id: Generated<number>
  kind: 'document' | 'decision' | 'consultation'
  title: string
  body: string
  published_at: Timestamp
}

export interface SupervisionStepTable {
  duty_id: number
  step: string
  deadline: Day
  sent_at: Timestamp
}

export interface ApiKeyTable {
  id: Generated<number>
  name: string
  key_hash: string
  created_at: Timestamp
  revoked_at: NullableTimestamp
}

export interface SettingTable {
  key: string
  value: Json
}

export interface EventTable {
  id: Generated<string>
  type: string
  report_id: number | null
  duty_id: number | null
  /** 'system', 'reporter', 'public:<id>' or 'staff:<id>' — never a name or a contact. */
  actor: string
  public: boolean
  data: ColumnType<Record<string, unknown>, string | undefined, never>
  occurred_at: Timestamp
  /** Set by the database at insert: the order events were recorded in. */
  seq: ColumnType<number, never, never>
  /** Set by the database: the secret that salts a private event's leaf; never published. */
  salt: ColumnType<Buffer, never, never>
  /** The event's leaf in the transparency log, set once by the log's worker. */
  log_index: ColumnType<number | null, never, number>
}

/** The transparency log's stored hashes (app/transparency/merkle.ts numbers them). */
export interface TransparencyHashTable {
  index: number
  hash: Buffer
}

/** Every signed checkpoint of the transparency log. */
export interface TransparencyCheckpointTable {
  size: number
  root_hash: Buffer
  note: string
  created_at: Generated<Date>
}

export type MessageChannelName = 'email' | 'sms'

/** The message outbox: emails and SMS (the table keeps its first name). */
export interface EmailOutboxTable {
  id: Generated<string>
  channel: Generated<MessageChannelName>
  /** An email address, or a mainland mobile for an SMS. */
  to_address: string
  template: string
  props: ColumnType<Record<string, unknown>, string, string>
  locale: Generated<string>
  dedupe_key: string | null
  status: Generated<OutboxStatus>
  subject: string | null
  html: string | null
  text: string | null
  attempts: Generated<number>
  next_attempt_at: Timestamp
  locked_until: NullableTimestamp
  last_error: string | null
  provider_id: string | null
  created_at: Timestamp
  sent_at: NullableTimestamp
}

export interface RateLimitTable {
  key: string
  points: number
  expire: number | null
}

/** One time a member of staff opened a reporter's contact details: never the details themselves. */
export interface ContactViewTable {
  id: Generated<number>
  report_id: number
  staff_user_id: number
  unit_id: number | null
  reason: string
  channel: 'page' | 'export'
  viewed_at: Timestamp
}

export type ResidentView = 'satisfied' | 'neutral' | 'unsatisfied'

/** A callback (回访): staff called the reporter back. Only that it happened is public. */
export interface CallbackTable {
  id: Generated<number>
  report_id: number
  duty_id: number | null
  staff_user_id: number
  unit_id: number | null
  reached: boolean
  resident_view: ResidentView | null
  note: string | null
  created_at: Timestamp
}

// Accountability (issue 6): the working-day calendar the scoreboard counts with.
export interface WorkdayTable {
  day: Day
  /** Number of working days up to and including `day`. */
  idx: number
  workday: boolean
}

/** A holiday or make-up workday (调休上班日) of the working-day calendar (issue 17). */
export interface CalendarDayTable {
  day: Day
  kind: 'holiday' | 'workday'
  name: string
}

/** A year whose calendar is complete: from chinese-days, or entered by the admin. */
export interface CalendarYearTable {
  year: number
  source: 'chinese-days' | 'admin'
  entered_by: number | null
  entered_at: Generated<Date>
}

export interface Database {
  units: UnitTable
  areas: AreaTable
  categories: CategoryTable
  routing_rules: RoutingRuleTable
  staff_users: StaffUserTable
  staff_sessions: StaffSessionTable
  public_users: PublicUserTable
  public_sessions: PublicSessionTable
  otp_challenges: OtpChallengeTable
  reports: ReportTable
  duties: DutyTable
  duty_co_units: DutyCoUnitTable
  duty_reports: DutyReportTable
  milestones: MilestoneTable
  progress_updates: ProgressUpdateTable
  attachments: AttachmentTable
  comments: CommentTable
  comment_flags: CommentFlagTable
  ratings: RatingTable
  duty_reviews: DutyReviewTable
  rating_appeals: RatingAppealTable
  topics: TopicTable
  topic_duties: TopicDutyTable
  rule_changes: RuleChangeTable
  rule_change_duties: RuleChangeDutyTable
  notices: NoticeTable
  supervision_steps: SupervisionStepTable
  api_keys: ApiKeyTable
  settings: SettingTable
  events: EventTable
  transparency_hashes: TransparencyHashTable
  transparency_checkpoints: TransparencyCheckpointTable
  email_outbox: EmailOutboxTable
  rate_limits: RateLimitTable
  // Accountability (issue 6)
  workdays: WorkdayTable
  calendar_days: CalendarDayTable
  calendar_years: CalendarYearTable
  // Safe to report (issue 13)
  contact_views: ContactViewTable
  callbacks: CallbackTable
}

export type Unit = Selectable<UnitTable>
export type Area = Selectable<AreaTable>
export type Category = Selectable<CategoryTable>
export type Report = Selectable<ReportTable>
export type NewReport = Insertable<ReportTable>
export type Duty = Selectable<DutyTable>
export type NewDuty = Insertable<DutyTable>
export type DutyUpdate = Updateable<DutyTable>
export type StaffUser = Selectable<StaffUserTable>
export type Event = Selectable<EventTable>
