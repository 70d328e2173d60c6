export default {
  footer: '公开存证：核对记录从未被删改',
  logged: '已存证 #{index}',
  loggedTitle: '查看此记录在公开存证日志中的证明',
  title: '公开存证：谁也不能悄悄改写的记录',
  lead: '每一条办理记录都写入一本只能追加、不能修改的公开账本。您可以自己核对：我们公布的记录从未被删改。',
  whatHeading: '记录了什么',
  what: '群众提交问题、受理、交办、整改进展、办结、评价等每一步，都按发生顺序写入存证日志。公开的记录原样写入；不公开的记录（例如工作人员查看问题）只写入一个加了随机数的“指纹”，不泄露任何个人信息，也无法被反推。',
  howHeading: '怎样做到不能悄悄改写',
  how: '日志按国际通行的证书透明（RFC 9162）方法组成一棵“默克尔树”，每秒钟把新记录加进去，并用本平台的密钥签发一份“检查点”：记录总数和整棵树的指纹。只要您保存过一份旧检查点，以后任何人删除、改动或调换其中任何一条记录，新旧检查点就对不上，一查便知。',
  checkHeading: '您可以核对什么',
  checks: {
    keep: '保存当前检查点（下方文字，或 /transparency/checkpoint），它也会随进展订阅源发布，很多人都会留存。',
    key: '用验证密钥（/transparency/vkey）确认检查点确实由本平台签发。',
    proof:
      '每条公开记录旁的“已存证 #n”链接给出它在树中的证明（/transparency/proof/n），可以确认这条记录就在签发的检查点之内。',
    audit:
      '技术人员可以按 C2SP tlog-tiles 格式下载整棵树（/transparency/tile/…），用任何兼容的工具核对；管理方可以运行 npm run audit:verify -- --checkpoint 旧检查点文件，逐条核对数据库。',
  },
  latestHeading: '当前检查点',
  size: '已存证记录：{size} 条',
  signedAt: '签发时间：{at}',
  none: '存证日志还没有签发检查点，请稍后再看。',
  keyHeading: '验证密钥',
  older: '以往的检查点：/transparency/checkpoints/记录条数',
  feedTitle: '存证检查点 #{size}',
}
