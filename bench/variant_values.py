"""Random but plausible values for the variant generator (bench/variants.py).

Every generator returns the pair the form needs: the *printed* string (how an applicant
might type it into the Word form) and the *truth* value (normalized as in CONTRACT.md).
Formats are varied on purpose: dates in several styles, numbers with and without thousands
separators and units, full-width digits now and then, phones with spaces, etc.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

# ----------------------------------------------------------------------------- GB 32100

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character for the first 17 characters."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31]


def uscc_valid(code: str) -> bool:
    return (len(code) == 18 and all(c in _USCC_CHARS for c in code)
            and uscc_check_char(code[:17]) == code[17])


# ----------------------------------------------------------------------------- pools

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯健俊帆帅旭宁婷雪琳晨辰宏峰志新立春海波文博云飞建国庆兰凤洁梅琴雯倩颖子涵轩一诺欣怡梓睿思远"
PINYIN = {  # small map for e-mail local parts; unmapped characters fall back to random letters
    "王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang", "黄": "huang",
    "赵": "zhao", "吴": "wu", "周": "zhou", "徐": "xu", "孙": "sun", "马": "ma", "朱": "zhu",
    "胡": "hu", "郭": "guo", "何": "he", "高": "gao", "林": "lin", "罗": "luo", "郑": "zheng",
}
BRANDS = ["海川", "楚天", "长江", "恒信", "数智", "云创", "凌云", "九州", "航宇", "蓝海", "睿控", "中科",
          "华鑫", "星沙", "湘江", "鼎捷", "智联", "卓越", "众联", "盛景", "天源", "博控", "正泰", "宏图",
          "启明", "瀚海", "东方", "汉阳", "光谷", "锐捷", "麓谷", "金霞", "普惠", "和创", "远景", "晟通"]
BRAND_PINYIN = {"海川": "haichuan", "楚天": "chutian", "长江": "changjiang", "恒信": "hengxin",
                "数智": "shuzhi", "云创": "yunchuang", "凌云": "lingyun", "九州": "jiuzhou",
                "航宇": "hangyu", "蓝海": "lanhai", "睿控": "ruikong", "中科": "zhongke",
                "华鑫": "huaxin", "星沙": "xingsha", "湘江": "xiangjiang", "鼎捷": "dingjie",
                "智联": "zhilian", "卓越": "zhuoyue", "众联": "zhonglian", "盛景": "shengjing",
                "天源": "tianyuan", "博控": "bokong", "正泰": "zhengtai", "宏图": "hongtu",
                "启明": "qiming", "瀚海": "hanhai", "东方": "dongfang", "汉阳": "hanyang",
                "光谷": "guanggu", "锐捷": "ruijie", "麓谷": "lugu", "金霞": "jinxia",
                "普惠": "puhui", "和创": "hechuang", "远景": "yuanjing", "晟通": "shengtong"}
TRADES = ["工业互联网", "智能制造", "数字科技", "信息技术", "网络科技", "软件科技", "物联网技术",
          "工业软件", "云计算", "自动化", "网络安全技术", "智能装备", "大数据科技"]
SUFFIXES = ["有限公司", "股份有限公司", "有限责任公司", "科技有限公司", "集团有限公司"]
TLDS = ["com", "cn", "com.cn", "net"]
FREE_MAIL = ["163.com", "qq.com", "126.com", "sina.com"]


@dataclass
class Region:
    province: str
    city: str
    districts: list[tuple[str, str]]  # (name, 6-digit division code)
    area_code: str
    roads: list[str] = field(default_factory=list)


WUHAN = Region("湖北省", "武汉市", [("江岸区", "420102"), ("江汉区", "420103"), ("硚口区", "420104"),
               ("汉阳区", "420105"), ("武昌区", "420106"), ("青山区", "420107"), ("洪山区", "420111"),
               ("东西湖区", "420112"), ("汉南区", "420113"), ("蔡甸区", "420114"), ("江夏区", "420115"),
               ("黄陂区", "420116"), ("新洲区", "420117"), ("东湖新技术开发区", "420171")],
               "027", ["光谷大道", "高新大道", "关山大道", "解放大道", "临空港大道", "东风大道", "江城大道",
                       "盘龙大道", "金融港四路", "软件园路"])
HUNAN = [
    Region("湖南省", "长沙市", [("岳麓区", "430104"), ("雨花区", "430111"), ("开福区", "430105"),
           ("长沙县", "430121"), ("天心区", "430103")], "0731", ["麓谷大道", "桐梓坡西路", "岳麓大道", "万家丽路"]),
    Region("湖南省", "株洲市", [("天元区", "430211"), ("芦淞区", "430203")], "0731", ["栗雨路", "黄河南路"]),
    Region("湖南省", "湘潭市", [("岳塘区", "430304"), ("雨湖区", "430302")], "0731", ["芙蓉大道", "韶山中路"]),
    Region("湖南省", "郴州市", [("北湖区", "431002"), ("苏仙区", "431003")], "0735", ["人民西路", "国庆南路"]),
    Region("湖南省", "常德市", [("武陵区", "430702")], "0736", ["朗州路"]),
]
OTHER = [
    Region("", "北京市", [("海淀区", "110108"), ("朝阳区", "110105")], "010", ["中关村大街", "望京街"]),
    Region("", "上海市", [("浦东新区", "310115"), ("闵行区", "310112")], "021", ["张江路", "莲花南路"]),
    Region("广东省", "深圳市", [("南山区", "440305"), ("宝安区", "440306")], "0755", ["科苑路", "宝安大道"]),
    Region("浙江省", "杭州市", [("滨江区", "330108"), ("余杭区", "330110")], "0571", ["江南大道", "文一西路"]),
    Region("", "重庆市", [("渝北区", "500112"), ("两江新区", "500192")], "023", ["金开大道", "星光大道"]),
    Region("陕西省", "西安市", [("雁塔区", "610113")], "029", ["科技路"]),
    Region("江苏省", "南京市", [("江宁区", "320115")], "025", ["将军大道"]),
    Region("山东省", "青岛市", [("崂山区", "370212")], "0532", ["海尔路"]),
]

INDUSTRIES = ["钢铁", "有色金属", "石化化工", "建材", "医药", "纺织", "家电", "食品", "烟草", "轻工",
              "机械", "汽车", "航空航天", "船舶", "轨道交通", "电子", "电力", "工程机械"]
DOMAINS = ["安全生产", "节能减排", "质量管控", "供应链管理", "研发设计", "生产制造", "运营管理",
           "仓储物流", "运维服务"]
CLOUDS = ["天翼云科技有限公司", "华为云计算技术有限公司", "阿里云计算有限公司",
          "腾讯云计算（北京）有限责任公司", "中国移动通信集团有限公司", "浪潮云信息技术股份公司"]
NATURES = ["民营企业", "国有企业", "国有控股企业", "股份制企业", "外商投资企业", "事业单位", "高等院校"]
TITLES = ["总经理", "副总经理", "技术总监", "项目经理", "市场部经理", "综合管理部经理", "信息中心主任",
          "首席信息官", "研发中心主任"]
RANKS = ["高级工程师", "正高级工程师", "工程师", "助理工程师", "研究员", "经济师"]
DEPTS = ["数字化转型部", "研发中心", "信息化部", "平台事业部", "技术中心", "市场部", "运营管理部"]

SENTENCES = [
    "平台采用“边缘层+IaaS层+PaaS层+SaaS层”的总体架构，边缘层负责设备接入和协议解析，PaaS层提供数据管理、模型管理和应用开发能力。",
    "平台以数据为核心，实现研发、生产、运维全流程的数字化闭环管理。",
    "平台已与多家龙头企业建立长期合作关系，形成了稳定的用户群体。",
    "平台通过了ISO 27001信息安全管理体系认证和CMMI五级评估。",
    "平台坚持需求导向，围绕企业降本、提质、增效、绿色、安全发展需求持续迭代产品。",
    "平台运营团队提供7×24小时技术支持和驻场服务。",
    "相关数据均截至申报日，具体证明材料见附件。",
    "项目已建成并稳定运行，形成可复制、可推广的工业互联网解决方案。",
    "平台持续开展技术攻关，关键指标达到国内领先水平。",
    "项目实施后，企业生产效率提升{p}%，不良品率下降{q}%。",
    "平台的应用显著提升了企业设备综合效率和产品质量，平均降低运营成本约{p}%。",
    "下一步将加大在{i1}、{i2}等重点行业的推广力度。",
    "项目围绕{i1}、{i2}行业数字化转型需求，建设工业互联网平台和应用，已服务企业{n}家。",
    "平台通过边缘网关和协议解析引擎，实现对{i1}、{i2}等行业设备的统一接入与管理。",
    "平台沉淀了设备健康评估、能耗优化、工艺参数寻优、质量预测等机理模型和数据算法模型。",
    "平台提供低代码开发环境，已孵化工业APP {n}个，主要为设备预测性维护、生产排程和质量追溯类应用。",
    "平台建立了覆盖设备、网络、平台、数据和应用的纵深防护体系，通过了网络安全等级保护三级测评。",
    "解决方案包括设备预测性维护、5G+机器视觉质检、产线数字孪生、供应链协同等。",
    "平台推出轻量化、模块化的SaaS产品，以“先用后付”“按需订阅”模式降低中小企业数字化转型成本。",
    "平台服务属地工业企业数字化改造，带动区域工业增加值稳步增长。",
    "公司设立工业互联网事业部，配备专职的平台研发、运营和服务团队，研发人员占比超过{p}%。",
    "未来三年，平台计划新增接入设备{n}万台套，培育工业APP千个以上，拓展海外市场。",
    "2021年，平台实现营业收入同比增长{p}%，其中：设备接入服务占比{q}%；数据服务占比{p}%。",
    "平台依托接入数据构建区域产业地图、产业链监测和企业画像，支撑地方经济运行监测分析。",
    "平台入选工业和信息化部工业互联网试点示范项目，并参与平台创新合作中心建设。",
    "平台带动行业解决方案服务商{n}家，与多所高校共建实训基地。",
    "公司以EPC+平台服务模式带动平台出海，在{n}个国家和地区落地应用项目。",
    "主要建设内容：（1）边缘接入系统；（2）数据中台；（3）工业模型库；（4）行业应用。",
    "平台支持Modbus、OPC UA、Profinet、MQTT等{n}种主流工业协议，设备接入时间由数周缩短至{q}天。",
]


class Values:
    """Seeded value factory. `rng` drives every random choice, so a seed gives one document set."""

    def __init__(self, rng: random.Random, fullwidth_rate: float = 0.04):
        self.rng = rng
        self.fullwidth_rate = fullwidth_rate

    # -- basics
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq):
        return self.rng.choice(seq)

    def person(self) -> str:
        n = self.rng.choice((1, 2, 2))
        return self.pick(SURNAMES) + "".join(self.pick(GIVEN) for _ in range(n))

    def brand(self) -> str:
        return self.pick(BRANDS)

    def company(self, city: str = "", brand: str | None = None) -> str:
        brand = brand or self.brand()
        prefix = city.removesuffix("市") if city and self.chance(0.6) else ""
        trade = self.pick(TRADES)
        suffixes = [x for x in SUFFIXES if not (x.startswith("科技") and trade.endswith(("科技", "技术")))]
        return prefix + brand + trade + self.pick(suffixes)

    def region(self, kind: str) -> Region:
        if kind == "wuhan":
            return WUHAN
        if kind == "hunan":
            return self.pick(HUNAN)
        return self.pick(OTHER + [WUHAN] + HUNAN)

    def address(self, reg: Region, district: str) -> str:
        road = self.pick(reg.roads)
        num = self.rng.randint(1, 999)
        tail = self.pick(["", "", f"{self.rng.randint(1, 12)}栋", f"{self.pick('ABCDE')}座{self.rng.randint(1, 25)}楼",
                          f"{self.rng.randint(1, 9)}号楼{self.rng.randint(101, 2999)}室"])
        head = (reg.province + reg.city) if self.chance(0.7) else reg.city
        return f"{head}{district}{road}{num}号{tail}"

    def org_code(self, division: str, valid: bool = True, org_type: str = "91") -> str:
        mid = "".join(self.pick(_USCC_CHARS) for _ in range(9))
        if self.chance(0.6):
            mid = "MA" + mid[2:]
        body = org_type + division + mid
        check = uscc_check_char(body)
        if not valid:
            check = self.pick([c for c in _USCC_CHARS if c != check])
        return body + check

    def spaced_code(self, code: str) -> str:
        """Now and then a credit code typed in groups: 9142 0100 MA4K 2L3X 5Q."""
        if self.chance(0.04):
            return " ".join(code[i:i + 4] for i in range(0, 18, 4))
        return code

    def mobile(self) -> tuple[str, str]:
        digits = self.pick(["13", "15", "17", "18", "19"]) + "".join(self.pick("0123456789") for _ in range(9))
        if self.chance(0.1):
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}", digits
        return digits, digits

    def landline(self, area: str) -> tuple[str, str]:
        n = 8 if len(area) <= 3 else self.pick([7, 8])
        local = self.pick("2345678") + "".join(self.pick("0123456789") for _ in range(n - 1))
        v = f"{area}-{local}"
        return v, v

    def email(self, person: str, brand: str) -> tuple[str, str]:
        local = "".join(PINYIN.get(ch, "") for ch in person) or "".join(
            self.pick("abcdefghjkmnpqrstwxyz") for _ in range(self.rng.randint(4, 8)))
        if self.chance(0.5):
            local += str(self.rng.randint(1, 99))
        if self.chance(0.25):
            dom = self.pick(FREE_MAIL)
            if dom == "qq.com":
                local = str(self.rng.randint(10000000, 999999999))
        else:
            dom = BRAND_PINYIN.get(brand, "corp") + self.pick(["", "tech", "cloud", "soft"]) + "." + self.pick(TLDS)
        v = f"{local}@{dom}"
        printed = v.upper() if self.chance(0.03) else (v[0].upper() + v[1:] if self.chance(0.05) else v)
        return printed, v

    # -- dates
    def rand_date(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def fmt_date(self, d: date, style: str | None = None) -> str:
        style = style or self.pick(["cn", "cn", "cn0", "iso", "iso", "dot", "dot0", "slash"])
        return {
            "cn": f"{d.year}年{d.month}月{d.day}日",
            "cn0": f"{d.year}年{d.month:02d}月{d.day:02d}日",
            "cnsp": f"{d.year} 年 {d.month} 月 {d.day} 日",
            "iso": d.isoformat(),
            "dot": f"{d.year}.{d.month}.{d.day}",
            "dot0": f"{d.year}.{d.month:02d}.{d.day:02d}",
            "slash": f"{d.year}/{d.month:02d}/{d.day:02d}",
        }[style]

    def date_value(self, start: date, end: date, style: str | None = None,
             month_rate: float = 0.0) -> tuple[str, str, date]:
        """(printed, ISO truth, date); with month_rate, a month-only value ("2020年4月" -> "2020-04")."""
        d = self.rand_date(start, end)
        if month_rate and self.chance(month_rate):
            printed, iso = self.month(d.year, d.month)
            return printed, iso, d
        return self.fmt_date(d, style), d.isoformat(), d

    def month(self, y: int, m: int) -> tuple[str, str]:
        style = self.pick(["cn", "cn0", "iso", "dot"])
        printed = {"cn": f"{y}年{m}月", "cn0": f"{y}年{m:02d}月", "iso": f"{y}-{m:02d}", "dot": f"{y}.{m}"}[style]
        return printed, f"{y}-{m:02d}"

    # -- numbers
    def _digits(self, s: str) -> str:
        if self.chance(self.fullwidth_rate):
            return s.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))
        return s

    def fmt_int(self, n: int, unit: str = "", unit_rate: float = 0.0) -> str:
        s = f"{n:,}" if (n >= 1000 and self.chance(0.45)) else str(n)
        s = self._digits(s)
        if unit and self.chance(unit_rate):
            s += self.pick(["", " "]) + unit
        return s

    def fmt_money(self, wan: float, unit_rate: float = 0.35, yuan_rate: float = 0.03) -> str:
        """A 万元 amount as typed: 3560.25 / 3,560.25 / 3560.25万元 / 35,602,500元 (rare)."""
        if yuan_rate and self.chance(yuan_rate):
            yuan = round(wan * 10000)
            return self._digits(f"{yuan:,}" if self.chance(0.7) else str(yuan)) + "元"
        s = f"{wan:,.2f}" if (wan >= 1000 and self.chance(0.45)) else f"{wan:.2f}"
        if self.chance(0.15) and s.endswith("0"):
            s = s.rstrip("0").rstrip(".")  # 182.50 -> 182.5, 100.00 -> 100
        s = self._digits(s)
        if self.chance(unit_rate):
            s += self.pick(["万元", "万元", " 万元"])
        return s

    def money(self, lo: float, hi: float) -> float:
        return round(self.rng.uniform(lo, hi), 2)

    def fmt_percent(self, v: float, pct_rate: float = 0.7) -> str:
        """Print a percentage without losing precision: 20.1 / 20.10 / 20.1% / 20.1％."""
        s = f"{v:.2f}".rstrip("0").rstrip(".")
        if "." in s and len(s.split(".")[1]) == 1 and self.chance(0.2):
            s += "0"
        elif "." not in s and self.chance(0.3):
            s += ".0"
        s = self._digits(s)
        if self.chance(pct_rate):
            s += self.pick(["%", "%", "%", "％"])
        return s

    # -- text
    def sentence(self) -> str:
        s = self.pick(SENTENCES)
        return s.format(p=self.rng.randint(5, 40), q=self.rng.randint(2, 30), n=self.rng.randint(10, 90),
                        i1=self.pick(INDUSTRIES), i2=self.pick(INDUSTRIES))

    def longtext(self, lo: int = 1, hi: int = 4) -> str:
        n = self.rng.randint(lo, hi)
        out: list[str] = []
        while len(out) < n:
            s = self.sentence()
            if s not in out:
                out.append(s)
        return "".join(out)

    def split(self, total: int, k: int) -> list[int]:
        if total < k:
            return [total] + [0] * (k - 1)
        cuts = sorted(self.rng.sample(range(1, total), k - 1))
        return [b - a for a, b in zip([0] + cuts, cuts + [total])]
