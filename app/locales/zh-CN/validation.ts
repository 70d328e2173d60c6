export default {
  required: '请填写此项',
  choose: '请选择一项',
  invalid: '格式不正确',
  tooShort: '至少填写 {min} 个字',
  tooLong: '最多 {max} 个字',
  tooSmall: '不能小于 {min}',
  tooBig: '不能大于 {max}',
  tooMany: '最多 {max} 项',
  email: '请填写正确的邮箱地址，例如 name@example.com',
  formInvalid: '表单中有需要修改的地方，请看各项下方的提示。',
  conflict: '这条记录刚被别人修改过。请刷新页面，确认最新内容后再提交。',
} as const
