export default {
  siteName: '开门',
  siteTagline: '开门教育 · 群众监督平台',
  skipToContent: '跳到正文',
  nav: {
    label: '主导航',
    home: '首页',
    report: '我要反映',
    track: '查询进度',
    reports: '问题清单',
    duties: '履职清单',
    units: '责任单位',
    scoreboard: '三率排行',
    topics: '集中整治',
    notices: '公告',
    staff: '工作人员登录',
  },
  textSize: {
    large: '大字版',
    standard: '标准版',
  },
  language: {
    label: '语言',
    switchTo: 'English',
    switchToLang: 'en',
  },
  footer: {
    about: '开门教育：问题清单 → 履职清单，整改整治接受群众监督，检验成效接受群众评判。',
    privacy: '我们不会公开反映人的联系方式；姓名按本人选择打码或不显示。',
  },
  error: {
    title: '出错了',
    notFound: '没有找到这个页面。',
    forbidden: '您没有权限查看这个页面。',
    unauthorized: '请先登录。',
    tooMany: '操作太频繁了，请稍后再试。',
    server: '服务器出了点问题，我们已记录。请稍后再试。',
    backHome: '返回首页',
  },
  date: {
    today: '今天',
  },
} as const
