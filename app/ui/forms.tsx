import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
  type FormMetadata,
} from '@conform-to/react'
import type { ReactNode } from 'react'
import { useT } from './i18n'
import { showMessage } from '../platform/text'

export { getFormProps }

/**
 * When every form checks what is typed (spread into `useForm`): a field on leaving it, then again
 * on each keystroke once it has shown an error. Errors clear as they are fixed: clearing them
 * on blur would move the submit button away from under the pointer pressing it, and the click
 * would be lost (the corrected form would never be sent).
 */
export const validationTiming = { shouldValidate: 'onBlur', shouldRevalidate: 'onInput' } as const

/** Errors beside a field, in the reader's language (schemas carry message keys). */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const t = useT()
  if (!errors?.length) return null
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{showMessage(e, t)}</li>
      ))}
    </ul>
  )
}

/** The form-level message and error summary, announced to screen readers. */
export function FormErrors<S extends Record<string, unknown>>({
  form,
}: {
  form: FormMetadata<S, string[]>
}) {
  const t = useT()
  const hasFieldErrors = Object.keys(form.allErrors).some((name) => name !== form.name)
  if (!form.errors?.length && !hasFieldErrors) return null
  return (
    <div className="form-errors" role="alert" id={form.errorId}>
      {hasFieldErrors ? <p>{t('validation.formInvalid')}</p> : null}
      <ErrorList errors={form.errors} />
    </div>
  )
}

function describedBy(field: FieldMetadata<unknown>, hint?: ReactNode) {
  const ids = [
    hint ? `${field.id}-hint` : null,
    field.errors?.length ? field.errorId : null,
  ].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

interface FieldProps<T> {
  field: FieldMetadata<T>
  label: ReactNode
  hint?: ReactNode
}

export function TextField<T>({
  field,
  label,
  hint,
  type = 'text',
  ...rest
}: FieldProps<T> & {
  type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'number' | 'search' | 'url'
  autoComplete?: string
  inputMode?: 'text' | 'tel' | 'email' | 'numeric' | 'search'
  placeholder?: string
}) {
  const props = getInputProps(field as FieldMetadata<string>, {
    type,
    ariaDescribedBy: describedBy(field as FieldMetadata<unknown>, hint),
  })
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span id={`${field.id}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      <input {...props} {...rest} key={props.key} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function TextareaField<T>({
  field,
  label,
  hint,
  rows = 6,
}: FieldProps<T> & { rows?: number }) {
  const props = getTextareaProps(field as FieldMetadata<string>, {
    ariaDescribedBy: describedBy(field as FieldMetadata<unknown>, hint),
  })
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span id={`${field.id}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      <textarea {...props} rows={rows} key={props.key} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export interface Option {
  value: string | number
  label: string
  disabled?: boolean
}

export function SelectField<T>({
  field,
  label,
  hint,
  options,
  placeholder,
  onChange,
}: FieldProps<T> & {
  options: Option[]
  placeholder?: string
  onChange?: (value: string) => void
}) {
  const props = getSelectProps(field as FieldMetadata<string>, {
    ariaDescribedBy: describedBy(field as FieldMetadata<unknown>, hint),
  })
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <span id={`${field.id}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      <select
        {...props}
        key={props.key}
        onChange={onChange ? (e) => onChange(e.currentTarget.value) : undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function RadioGroupField<T>({
  field,
  label,
  hint,
  options,
}: FieldProps<T> & { options: Option[] }) {
  return (
    <fieldset
      className="field"
      aria-describedby={describedBy(field as FieldMetadata<unknown>, hint)}
      aria-invalid={field.errors?.length ? true : undefined}
    >
      <legend>{label}</legend>
      {hint ? (
        <span id={`${field.id}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input
            type="radio"
            name={field.name}
            value={o.value}
            defaultChecked={field.initialValue === String(o.value)}
          />
          <span>{o.label}</span>
        </label>
      ))}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  )
}

export function CheckboxField<T>({ field, label, hint }: FieldProps<T>) {
  const props = getInputProps(field as FieldMetadata<string>, {
    type: 'checkbox',
    ariaDescribedBy: describedBy(field as FieldMetadata<unknown>, hint),
  })
  return (
    <div className="field">
      <label className="choice">
        <input {...props} key={props.key} />
        <span>{label}</span>
      </label>
      {hint ? (
        <span id={`${field.id}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

/** Bots fill every field; people never see this one. */
export const HONEYPOT_FIELD = 'website'

export function Honeypot() {
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor="hp-website">Website</label>
      <input
        id="hp-website"
        type="text"
        name={HONEYPOT_FIELD}
        tabIndex={-1}
        autoComplete="off"
        defaultValue=""
      />
    </div>
  )
}
