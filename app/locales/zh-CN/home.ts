export default {
  title: '开门 · 群众反映问题，单位公开履职',
  description: '反映急难愁盼、企业困难诉求，查看各单位履职清单与整改进展。',
  heading: '有问题，就说出来',
  lead: '您反映的每一个问题都会进入问题清单，由责任单位公开承诺、限期整改，并接受您的评价。',
  stats: {
    heading: '当前数据',
    reports: '收到问题',
    open: '整改中事项',
    resolved: '已整改事项',
    overdue: '已超期事项',
  },
  latest: {
    heading: '最新进展',
    empty: '还没有进展。',
    percent: '进度 {percent}%',
  },
} as const
