import type zhCN from './zh-CN/index'

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }

/** Every locale has exactly the keys of zh-CN, the source locale. */
export type Messages = Widen<typeof zhCN>

type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}`
}[keyof T & string]

export type MessageKey = Paths<Messages>
