import { describe, expect, it } from 'vitest'
import {
  findPersonalData,
  isResidentIdNumber,
  passesLuhn,
  publicText,
} from '../../app/privacy/public-text'

// A resident ID number with a valid check character (GB 11643-1999), and a Luhn-valid card.
const ID = '440106199003071231'
const ID_X = '44010619850615128X'
const CARD = '6222021234567890128'

describe('personal data in public text', () => {
  it('knows a valid resident ID number and a Luhn-valid card number', () => {
    expect(isResidentIdNumber(ID)).toBe(true)
    expect(isResidentIdNumber(ID_X)).toBe(true)
    expect(isResidentIdNumber('440106199003071232')).toBe(false)
    expect(passesLuhn(CARD)).toBe(true)
    expect(passesLuhn('6222021234567890127')).toBe(false)
  })

  const masked: Array<[string, string, string]> = [
    ['mobile', '我叫王小明，电话13812345678，请联系我', '我叫王小明，电话＊＊＊，请联系我'],
    ['mobile with spaces', '手机 138 1234 5678 白天能接', '手机 ＊＊＊ 白天能接'],
    ['mobile with dashes', '请打138-1234-5678', '请打＊＊＊'],
    ['mobile with +86', '联系方式+86 13812345678。', '联系方式＊＊＊。'],
    ['mobile with 0086', '号码0086-139-0000-1111', '号码＊＊＊'],
    ['full-width mobile', '电话：１３８１２３４５６７８', '电话：＊＊＊'],
    ['landline with area code', '办公室电话020-87654321转8', '办公室电话＊＊＊转8'],
    ['landline in brackets', '座机（020）87654321', '座机＊＊＊'],
    ['Beijing landline with a space', '电话 010 65123456', '电话 ＊＊＊'],
    ['ID number', `身份证号${ID}，请核实`, '身份证号＊＊＊，请核实'],
    ['ID number ending in x', `身份证${ID_X.toLowerCase()}`, '身份证＊＊＊'],
    ['email', '邮箱 wang.xm@example.com 也可以', '邮箱 ＊＊＊ 也可以'],
    ['full-width email', '邮箱ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ', '邮箱＊＊＊'],
    ['bank card', `工资卡号${CARD}一直没到账`, '工资卡号＊＊＊一直没到账'],
    ['bank card in groups', '卡号 6222 0212 3456 7890 128', '卡号 ＊＊＊'],
    [
      'everything at once',
      `我叫王小明，电话13812345678，邮箱wxm@qq.com，身份证${ID}`,
      '我叫王小明，电话＊＊＊，邮箱＊＊＊，身份证＊＊＊',
    ],
  ]
  it.each(masked)('masks a %s', (_kind, text, expected) => {
    expect(publicText(text)).toBe(expected)
  })

  const untouched: Array<[string, string]> = [
    ['a date', '2026年12月5日起路灯不亮，2026-12-05报过一次'],
    ['a compact date and time', '20261205 下午3点'],
    ['an amount', '拖欠工资12000元，押金3500.50元'],
    ['a house number', '幸福路88号3栋1201房门口'],
    ['a bus line and a count', '第23路公交车，每天约150人等车'],
    ['an ID-shaped number with a wrong check digit', '编号440106199003071232'],
    ['a card-shaped number failing Luhn', '订单6222021234567890127'],
    ['a short code', '验证码 123456'],
    ['a year range', '2025-2026年度'],
    ['a credit code', '统一社会信用代码91440101MA5CXXXX0X'],
  ]
  it.each(untouched)('leaves %s alone', (_kind, text) => {
    expect(findPersonalData(text)).toEqual([])
    expect(publicText(text)).toBe(text)
  })

  it("masks the report's own private address, every time it stands in the text", () => {
    const address = '天河区幸福路88号3栋1201'
    const text = `我住${address}，楼下${address}旁边的垃圾没人清`
    expect(publicText(text, [address])).toBe('我住＊＊＊，楼下＊＊＊旁边的垃圾没人清')
    // the same house number is public when it is not the private address
    expect(publicText('幸福路88号门口', [address])).toBe('幸福路88号门口')
  })

  it('reports where each piece stands and what it is', () => {
    expect(findPersonalData('a13812345678b wxm@qq.com').map((m) => m.kind)).toEqual([
      'mobile',
      'email',
    ])
    expect(findPersonalData('a13812345678b')[0]).toMatchObject({ start: 1, end: 12 })
  })
})
