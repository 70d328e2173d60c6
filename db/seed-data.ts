/** The demo district: a believable slice of a district's streets, units and concerns. */

export const units = [
  {
    slug: 'campaign-office',
    name: '区学习教育办公室',
    name_en: 'District Campaign Office',
    kind: 'office',
  },
  {
    slug: 'huangpu-street',
    name: '黄埔街道办事处',
    name_en: 'Huangpu Street Office',
    kind: 'street',
  },
  {
    slug: 'hongshan-street',
    name: '红山街道办事处',
    name_en: 'Hongshan Street Office',
    kind: 'street',
  },
  { slug: 'yuzhu-street', name: '鱼珠街道办事处', name_en: 'Yuzhu Street Office', kind: 'street' },
  { slug: 'dasha-street', name: '大沙街道办事处', name_en: 'Dasha Street Office', kind: 'street' },
  {
    slug: 'nangang-street',
    name: '南岗街道办事处',
    name_en: 'Nangang Street Office',
    kind: 'street',
  },
  {
    slug: 'luogang-street',
    name: '萝岗街道办事处',
    name_en: 'Luogang Street Office',
    kind: 'street',
  },
  {
    slug: 'housing-bureau',
    name: '区住房和城乡建设局',
    name_en: 'Housing and Urban-Rural Development Bureau',
    kind: 'department',
  },
  {
    slug: 'transport-bureau',
    name: '区交通运输局',
    name_en: 'Transport Bureau',
    kind: 'department',
  },
  { slug: 'education-bureau', name: '区教育局', name_en: 'Education Bureau', kind: 'department' },
  {
    slug: 'health-commission',
    name: '区卫生健康局',
    name_en: 'Health Commission',
    kind: 'department',
  },
  {
    slug: 'market-regulation',
    name: '区市场监督管理局',
    name_en: 'Market Regulation Bureau',
    kind: 'department',
  },
  {
    slug: 'hr-social-security',
    name: '区人力资源和社会保障局',
    name_en: 'Human Resources and Social Security Bureau',
    kind: 'department',
  },
  {
    slug: 'city-management',
    name: '区城市管理和综合执法局',
    name_en: 'City Management and Law Enforcement Bureau',
    kind: 'department',
  },
  {
    slug: 'ecology-environment',
    name: '区生态环境分局',
    name_en: 'Ecology and Environment Branch',
    kind: 'department',
  },
  { slug: 'water-affairs', name: '区水务局', name_en: 'Water Affairs Bureau', kind: 'department' },
  { slug: 'civil-affairs', name: '区民政局', name_en: 'Civil Affairs Bureau', kind: 'department' },
  {
    slug: 'business-environment',
    name: '区营商环境改革局',
    name_en: 'Business Environment Reform Bureau',
    kind: 'enterprise_service',
  },
  {
    slug: 'development-reform',
    name: '区发展和改革局',
    name_en: 'Development and Reform Bureau',
    kind: 'department',
  },
  {
    slug: 'industry-it',
    name: '区工业和信息化局',
    name_en: 'Industry and Information Technology Bureau',
    kind: 'enterprise_service',
  },
  {
    slug: 'planning-resources',
    name: '区规划和自然资源分局',
    name_en: 'Planning and Natural Resources Branch',
    kind: 'department',
  },
] as const

export const district = { code: 'hp', name: '黄埔区', name_en: 'Huangpu District' }

export const streets = [
  {
    code: 'hp-huangpu',
    name: '黄埔街道',
    name_en: 'Huangpu Street',
    unit: 'huangpu-street',
    communities: ['黄埔东社区', '下沙社区', '横沙社区'],
  },
  {
    code: 'hp-hongshan',
    name: '红山街道',
    name_en: 'Hongshan Street',
    unit: 'hongshan-street',
    communities: ['红山社区', '双沙社区', '沙步社区'],
  },
  {
    code: 'hp-yuzhu',
    name: '鱼珠街道',
    name_en: 'Yuzhu Street',
    unit: 'yuzhu-street',
    communities: ['鱼珠社区', '茅岗社区', '怡园社区'],
  },
  {
    code: 'hp-dasha',
    name: '大沙街道',
    name_en: 'Dasha Street',
    unit: 'dasha-street',
    communities: ['大沙东社区', '姬堂社区', '横沙新村社区'],
  },
  {
    code: 'hp-nangang',
    name: '南岗街道',
    name_en: 'Nangang Street',
    unit: 'nangang-street',
    communities: ['南岗社区', '沙涌社区', '宏岗社区'],
  },
  {
    code: 'hp-luogang',
    name: '萝岗街道',
    name_en: 'Luogang Street',
    unit: 'luogang-street',
    communities: ['萝岗社区', '火村社区', '刘村社区'],
  },
] as const

/**
 * Made-up street boundaries for the map: the streets above, in order, tile a 3 × 2 grid over
 * the district (longitude 113.40–113.60, latitude 23.05–23.25) whose inner corners are nudged
 * so the shapes look like streets, not cells. Neighbours share their corner points exactly.
 */
export function streetBoundary(index: number): { type: 'Polygon'; coordinates: number[][][] } {
  const x = [113.4, 113.468, 113.531, 113.6]
  const y = [23.25, 23.148, 23.05]
  const nudge = (i: number, j: number) =>
    i > 0 && i < 3 && j === 1 ? (i === 1 ? [0.008, -0.006] : [-0.01, 0.009]) : [0, 0]
  const corner = (i: number, j: number) => {
    const [dx, dy] = nudge(i, j)
    return [Number((x[i]! + dx!).toFixed(4)), Number((y[j]! + dy!).toFixed(4))]
  }
  const i = index % 3
  const j = Math.floor(index / 3)
  const ring = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)]
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] }
}

export const communityNamesEn: Record<string, string> = {
  黄埔东社区: 'Huangpu East Community',
  下沙社区: 'Xiasha Community',
  横沙社区: 'Hengsha Community',
  红山社区: 'Hongshan Community',
  双沙社区: 'Shuangsha Community',
  沙步社区: 'Shabu Community',
  鱼珠社区: 'Yuzhu Community',
  茅岗社区: 'Maogang Community',
  怡园社区: 'Yiyuan Community',
  大沙东社区: 'Dasha East Community',
  姬堂社区: 'Jitang Community',
  横沙新村社区: 'Hengsha New Village Community',
  南岗社区: 'Nangang Community',
  沙涌社区: 'Shachong Community',
  宏岗社区: 'Honggang Community',
  萝岗社区: 'Luogang Community',
  火村社区: 'Huocun Community',
  刘村社区: 'Liucun Community',
}

/** `street: true` routes the category to the street office of the report's area. */
export const categories = [
  {
    slug: 'property',
    kind: 'concern',
    name: '物业管理',
    name_en: 'Property management',
    response_days: 3,
    resolution_days: 20,
    unit: 'housing-bureau',
    street: true,
  },
  {
    slug: 'roads-traffic',
    kind: 'concern',
    name: '道路交通',
    name_en: 'Roads and traffic',
    response_days: 3,
    resolution_days: 30,
    unit: 'transport-bureau',
    street: false,
  },
  {
    slug: 'parking',
    kind: 'concern',
    name: '停车难',
    name_en: 'Parking',
    response_days: 3,
    resolution_days: 30,
    unit: 'transport-bureau',
    street: false,
  },
  {
    slug: 'schooling',
    kind: 'concern',
    name: '教育入学',
    name_en: 'Schooling and admissions',
    response_days: 2,
    resolution_days: 15,
    unit: 'education-bureau',
    street: false,
  },
  {
    slug: 'healthcare',
    kind: 'concern',
    name: '医疗卫生',
    name_en: 'Healthcare',
    response_days: 2,
    resolution_days: 15,
    unit: 'health-commission',
    street: false,
  },
  {
    slug: 'sanitation',
    kind: 'concern',
    name: '环境卫生',
    name_en: 'Sanitation',
    response_days: 1,
    resolution_days: 10,
    unit: 'city-management',
    street: true,
  },
  {
    slug: 'noise',
    kind: 'concern',
    name: '噪声扰民',
    name_en: 'Noise',
    response_days: 1,
    resolution_days: 10,
    unit: 'ecology-environment',
    street: false,
  },
  {
    slug: 'water-drainage',
    kind: 'concern',
    name: '供水排水',
    name_en: 'Water supply and drainage',
    response_days: 2,
    resolution_days: 20,
    unit: 'water-affairs',
    street: false,
  },
  {
    slug: 'elderly-care',
    kind: 'concern',
    name: '养老服务',
    name_en: 'Elderly care',
    response_days: 3,
    resolution_days: 30,
    unit: 'civil-affairs',
    street: true,
  },
  {
    slug: 'jobs-social-security',
    kind: 'concern',
    name: '就业社保',
    name_en: 'Jobs and social security',
    response_days: 3,
    resolution_days: 20,
    unit: 'hr-social-security',
    street: false,
  },
  {
    slug: 'concern-other',
    kind: 'concern',
    name: '其他民生问题',
    name_en: 'Other concerns',
    response_days: 3,
    resolution_days: 30,
    unit: 'campaign-office',
    street: true,
  },
  {
    slug: 'business-environment',
    kind: 'demand',
    name: '营商环境',
    name_en: 'Business environment',
    response_days: 2,
    resolution_days: 15,
    unit: 'business-environment',
    street: false,
  },
  {
    slug: 'industrial-support',
    kind: 'demand',
    name: '产业扶持',
    name_en: 'Industrial support',
    response_days: 3,
    resolution_days: 30,
    unit: 'industry-it',
    street: false,
  },
  {
    slug: 'market-supervision',
    kind: 'demand',
    name: '市场监管',
    name_en: 'Market supervision',
    response_days: 2,
    resolution_days: 15,
    unit: 'market-regulation',
    street: false,
  },
  {
    slug: 'talent-labour',
    kind: 'demand',
    name: '人才用工',
    name_en: 'Talent and labour',
    response_days: 3,
    resolution_days: 20,
    unit: 'hr-social-security',
    street: false,
  },
  {
    slug: 'land-planning',
    kind: 'demand',
    name: '用地规划',
    name_en: 'Land and planning',
    response_days: 3,
    resolution_days: 40,
    unit: 'planning-resources',
    street: false,
  },
  {
    slug: 'demand-other',
    kind: 'demand',
    name: '其他企业诉求',
    name_en: 'Other demands',
    response_days: 3,
    resolution_days: 30,
    unit: 'development-reform',
    street: false,
  },
] as const

export const staff = [
  {
    email: 'coordinator@kaimen.local',
    name: '陈协调',
    password: 'kaimen-coordinator',
    role: 'coordinator',
    unit: null,
  },
  {
    email: 'housing@kaimen.local',
    name: '李住建',
    password: 'kaimen-housing',
    role: 'unit_staff',
    unit: 'housing-bureau',
  },
  {
    email: 'huangpu@kaimen.local',
    name: '王街道',
    password: 'kaimen-huangpu',
    role: 'unit_staff',
    unit: 'huangpu-street',
  },
  {
    email: 'admin@kaimen.local',
    name: '管理员',
    password: 'kaimen-admin',
    role: 'admin',
    unit: null,
  },
] as const

export const leaders: Record<string, { name: string; title: string }> = {
  'huangpu-street': { name: '张建国', title: '街道党工委书记' },
  'hongshan-street': { name: '刘晓梅', title: '街道办事处主任' },
  'yuzhu-street': { name: '黄志强', title: '街道党工委书记' },
  'dasha-street': { name: '周丽华', title: '街道办事处主任' },
  'nangang-street': { name: '吴国栋', title: '街道党工委书记' },
  'luogang-street': { name: '郑海燕', title: '街道办事处主任' },
  'housing-bureau': { name: '林振华', title: '局长' },
  'transport-bureau': { name: '何永明', title: '局长' },
  'education-bureau': { name: '梁淑芬', title: '局长' },
  'health-commission': { name: '罗建平', title: '局长' },
  'market-regulation': { name: '谢文辉', title: '局长' },
  'hr-social-security': { name: '冯秀英', title: '局长' },
  'city-management': { name: '邓卫东', title: '局长' },
  'ecology-environment': { name: '曾晓东', title: '分局局长' },
  'water-affairs': { name: '彭立新', title: '局长' },
  'civil-affairs': { name: '蔡慧敏', title: '局长' },
  'business-environment': { name: '许志刚', title: '局长' },
  'development-reform': { name: '潘建新', title: '局长' },
  'industry-it': { name: '董明辉', title: '局长' },
  'planning-resources': { name: '袁丽君', title: '分局局长' },
  'campaign-office': { name: '杨光荣', title: '办公室主任' },
}

export interface DemoReport {
  category: string
  title: string
  body: string
  address?: string
  /** What happens to it in the demo. */
  fate:
    | 'pending'
    | 'declined'
    | 'assigned'
    | 'in_progress'
    | 'resolved'
    | 'closed'
    | 'overdue'
    | 'reopened'
  commitment?: string
  company?: {
    name: string
    creditCode: string
    demandType: 'policy' | 'approval' | 'financing' | 'hiring' | 'premises' | 'inspection' | 'other'
  }
}

export const demoReports: DemoReport[] = [
  {
    category: 'property',
    title: '小区电梯频繁故障无人维修',
    body: '我们小区3栋的电梯这个月已经停了四次，老人上下楼非常困难，物业一直说在等配件，希望尽快解决。',
    address: '黄埔东路268号3栋',
    fate: 'in_progress',
    commitment: '督促物业公司30日内完成电梯主板更换并建立月度维保公示制度。',
  },
  {
    category: 'property',
    title: '物业费上涨未公示',
    body: '物业公司今年突然把物业费从每平方1.8元涨到2.5元，没有召开业主大会，也没有公示收支情况。',
    fate: 'resolved',
    commitment: '指导业委会依法召开业主大会，物业公司公示近两年收支明细。',
  },
  {
    category: 'sanitation',
    title: '菜市场周边垃圾堆放发臭',
    body: '下沙菜市场后门垃圾每天堆到中午才清运，夏天气味很大，还有老鼠，附近居民意见很大。',
    address: '下沙菜市场后门',
    fate: 'closed',
    commitment: '调整清运时间为每日早晚两次，增设密闭式垃圾屋一座。',
  },
  {
    category: 'parking',
    title: '老旧小区停车位严重不足',
    body: '横沙社区老旧小区只有不到一百个车位，晚上车辆乱停堵塞消防通道，希望规划建设立体停车场。',
    fate: 'in_progress',
    commitment: '利用闲置地块建设机械式立体停车库，新增车位120个。',
  },
  {
    category: 'roads-traffic',
    title: '学校门口上下学时段交通拥堵',
    body: '每天早上七点半到八点，学校门口接送车辆把整条路都堵住了，孩子过马路很危险。',
    fate: 'overdue',
    commitment: '设置临时即停即走区域，上下学时段安排交警和志愿者疏导。',
  },
  {
    category: 'schooling',
    title: '新建小区学位不足孩子入学难',
    body: '我们小区入住两千多户，对口小学学位严重不足，今年很多孩子被调剂到五公里外的学校。',
    fate: 'assigned',
    commitment: '协调新建学校提前招生，增加对口学位300个。',
  },
  {
    category: 'healthcare',
    title: '社区卫生服务中心看病排长队',
    body: '社区卫生服务中心只有两个全科医生，周一早上排队要两个小时，希望增加医生和延长服务时间。',
    fate: 'resolved',
    commitment: '增派全科医生3名，周一至周五延长服务至晚上8点。',
  },
  {
    category: 'noise',
    title: '夜间施工噪音影响休息',
    body: '附近工地经常晚上十一点以后还在施工，打桩声音很大，小孩和老人都睡不好。',
    address: '开创大道工地',
    fate: 'closed',
    commitment: '责令工地停止夜间违规施工，建立夜间巡查机制。',
  },
  {
    category: 'water-drainage',
    title: '暴雨后路面积水严重',
    body: '每次下大雨，鱼珠地铁站附近的路口积水都超过半米，行人和车辆无法通行。',
    fate: 'reopened',
    commitment: '改造路口排水管网，增设雨水篦子和应急排水泵。',
  },
  {
    category: 'elderly-care',
    title: '社区缺少老年人助餐点',
    body: '社区里独居老人很多，附近没有长者饭堂，老人吃饭很不方便。',
    fate: 'in_progress',
    commitment: '在社区党群服务中心开设长者饭堂，提供助餐配送服务。',
  },
  {
    category: 'jobs-social-security',
    title: '灵活就业人员社保缴纳咨询难',
    body: '我是外卖骑手，想自己缴纳社保，但不知道怎么办，打电话咨询一直占线。',
    fate: 'closed',
    commitment: '在街道政务服务中心设立灵活就业社保专窗，并开通线上办理指引。',
  },
  {
    category: 'sanitation',
    title: '公共厕所长期损坏无人管理',
    body: '公园里的公共厕所门坏了半年，洗手池也没水，卫生条件很差。',
    fate: 'declined',
  },
  {
    category: 'property',
    title: '小区消防通道被占用',
    body: '小区消防通道长期被私家车和杂物占用，物业不管，万一发生火灾后果不堪设想。',
    fate: 'pending',
  },
  {
    category: 'parking',
    title: '路边停车收费标准不透明',
    body: '街边停车收费员收费不开票，收费标准也没有公示，一次收二十元。',
    fate: 'pending',
  },
  {
    category: 'roads-traffic',
    title: '人行道破损多处绊倒老人',
    body: '红山三路人行道砖块松动破损，已经有老人摔倒受伤，希望尽快维修。',
    fate: 'pending',
  },
  {
    category: 'noise',
    title: '广场舞音响声音过大',
    body: '每晚七点到十点广场舞音响声音很大，附近住户无法休息，希望规定音量和时间。',
    fate: 'pending',
  },
  {
    category: 'healthcare',
    title: '社区没有儿科门诊',
    body: '孩子半夜发烧只能去很远的医院，希望社区医院开设儿科门诊或夜间门诊。',
    fate: 'pending',
  },
  {
    category: 'elderly-care',
    title: '老旧小区加装电梯审批慢',
    body: '我们楼已经全体业主同意加装电梯，但申请提交三个月了还没有审批结果。',
    fate: 'assigned',
    commitment: '开通加装电梯联合审批绿色通道，20个工作日内完成审批。',
  },
  {
    category: 'water-drainage',
    title: '自来水水压不足高层断水',
    body: '每天晚上用水高峰期，小区十楼以上基本没有水，已经持续一个多月。',
    fate: 'overdue',
    commitment: '更换小区二次供水加压泵组，并纳入水务部门统一管理。',
  },
  {
    category: 'concern-other',
    title: '公园夜间照明不足',
    body: '公园里很多路灯坏了，晚上散步很黑，存在安全隐患。',
    fate: 'resolved',
    commitment: '全面排查公园照明设施，更换损坏灯具86盏。',
  },
  {
    category: 'business-environment',
    title: '企业开办涉及部门多跑腿多',
    body: '我们公司办理食品经营许可需要跑市场监管、消防、环保多个部门，材料重复提交。',
    fate: 'in_progress',
    commitment: '推行企业开办“一件事”集成服务，一次提交材料、并联审批。',
    company: {
      name: '广州市示范食品有限公司',
      creditCode: '91440101MA5CYT6F2F',
      demandType: 'approval',
    },
  },
  {
    category: 'industrial-support',
    title: '研发补贴资金迟迟未兑现',
    body: '我们去年申报的研发费用补助已经公示，但资金一直没有拨付，影响企业现金流。',
    fate: 'resolved',
    commitment: '30日内完成补助资金拨付，并公开兑现进度查询渠道。',
    company: {
      name: '广州开门智能科技有限公司',
      creditCode: '91440112MA59B4ND4J',
      demandType: 'policy',
    },
  },
  {
    category: 'talent-labour',
    title: '企业招工难技术工人缺口大',
    body: '我们工厂长期缺少数控技术工人，希望政府组织校企对接和技能培训。',
    fate: 'in_progress',
    commitment: '每季度举办专场招聘会，联合职业院校开设订单班。',
    company: {
      name: '黄埔精密制造有限公司',
      creditCode: '91440116MA5AQ9LD7M',
      demandType: 'hiring',
    },
  },
  {
    category: 'market-supervision',
    title: '同一事项一个月内被多次检查',
    body: '一个月内有四个部门分别来检查消防和安全生产，内容重复，影响正常经营。',
    fate: 'closed',
    commitment: '推行“综合查一次”，建立涉企检查统筹备案制度。',
    company: {
      name: '广州鱼珠物流有限公司',
      creditCode: '91440116MA9UKQX36M',
      demandType: 'inspection',
    },
  },
  {
    category: 'land-planning',
    title: '厂房扩建用地指标申请困难',
    body: '企业订单增长需要扩建厂房，申请新增用地指标半年没有进展。',
    fate: 'pending',
    company: {
      name: '广州南岗新材料有限公司',
      creditCode: '91440116MA5D2WEX4H',
      demandType: 'premises',
    },
  },
  {
    category: 'business-environment',
    title: '中小企业贷款难融资贵',
    body: '我们是科技型中小企业，银行贷款要求抵押物，希望推动知识产权质押融资。',
    fate: 'pending',
    company: {
      name: '广州萝岗软件有限公司',
      creditCode: '91440116MA5BY6QW8A',
      demandType: 'financing',
    },
  },
  {
    category: 'demand-other',
    title: '园区通勤公交班次太少',
    body: '园区员工上下班只有一趟公交，间隔四十分钟，很多员工迟到，希望增开通勤线路。',
    fate: 'assigned',
    commitment: '新开园区通勤微循环公交线路，高峰期间隔10分钟。',
    company: {
      name: '广州科学城电子有限公司',
      creditCode: '91440116MA5CWR1N3E',
      demandType: 'other',
    },
  },
  {
    category: 'sanitation',
    title: '河涌水体发黑发臭',
    body: '沙涌河段水体发黑，夏天臭味明显，希望加强治理。',
    fate: 'in_progress',
    commitment: '开展河涌清淤和截污纳管工程，每月公开水质监测结果。',
  },
  {
    category: 'property',
    title: '小区外墙瓷砖脱落',
    body: '小区5栋外墙瓷砖多次脱落，差点砸到路人，物业说维修资金申请不下来。',
    fate: 'declined',
  },
  {
    category: 'schooling',
    title: '学校课后托管服务时间太短',
    body: '学校课后托管只到五点半，双职工家庭接不了孩子，希望延长到六点半。',
    fate: 'closed',
    commitment: '全区小学课后服务延长至18:30，增加兴趣类课程。',
  },
]

/** Words that make progress updates read like real work. */
export const progressSteps = [
  '已召开现场协调会，明确整改方案和责任分工。',
  '已完成现场勘查，整改方案报区分管领导审定。',
  '整改工程已进场施工，预计按期完成。',
  '主体整改已完成，正在进行验收和群众回访。',
]
