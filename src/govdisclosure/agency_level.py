"""The administrative level of a reporting body, inferred from its printed name.

Chinese agency names are built from the administrative units they belong to, followed by the
department: ``洛阳市`` ``西工区`` + ``住房和城乡建设局``, ``桐乡市`` ``乌镇镇`` + ``人民政府``.
:func:`infer_level` reads the units from the front of the name and takes the level of the last
one; the department part starts where no further unit follows.  It answers
:attr:`~govdisclosure.model.AgencyLevel.UNKNOWN` rather than guess:

* a bare ``X市`` is a prefecture-level city (地级市: ``淮安市``, ``宁波市``) or a county-level
  city (县级市: ``昆山市``, ``汝州市``); only the prefecture-level cities are listed here, so a
  ``X市`` that is not one of them is read as county level only when a prefecture precedes it
  (``苏州市昆山市``), and is otherwise unknown;
* development zones and parks (``经济技术开发区``, ``工业园区``, ``新区``) have no fixed level;
* a name with no unit at all (``财政局``) is unknown, unless it is a central body
  (``国务院…``, ``国家…``, ``中国…``, ``…部``, ``…总署``, ``…总局``).
"""

from __future__ import annotations

import re

from .model import AgencyLevel

__all__ = ["PREFECTURE_CITIES", "administrative_units", "infer_level"]

_MUNICIPALITIES = frozenset(["北京市", "天津市", "上海市", "重庆市"])

# Prefecture-level cities (地级市), by province.  Used only to tell a bare 地级市 from a 县级市.
_PREFECTURE_CITY_NAMES = (
    "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 "  # 河北
    "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁 "  # 山西
    "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 "  # 内蒙古
    "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛 "  # 辽宁
    "长春 吉林 四平 辽源 通化 白山 松原 白城 "  # 吉林
    "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 "  # 黑龙江
    "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁 "  # 江苏
    "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 "  # 浙江
    "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城 "  # 安徽
    "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德 "  # 福建
    "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶 "  # 江西
    "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽 "  # 山东
    "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 "  # 河南
    "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 "  # 湖北
    "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 "  # 湖南
    "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 "
    "潮州 揭阳 云浮 "  # 广东
    "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左 "  # 广西
    "海口 三亚 三沙 儋州 "  # 海南
    "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 "  # 四川
    "贵阳 六盘水 遵义 安顺 毕节 铜仁 "  # 贵州
    "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 "  # 云南
    "拉萨 日喀则 昌都 林芝 山南 那曲 "  # 西藏
    "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛 "  # 陕西
    "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 "  # 甘肃
    "西宁 海东 "  # 青海
    "银川 石嘴山 吴忠 固原 中卫 "  # 宁夏
    "乌鲁木齐 克拉玛依 吐鲁番 哈密"  # 新疆
)
PREFECTURE_CITIES = frozenset(_PREFECTURE_CITY_NAMES.split())

_SUFFIXES = "特别行政区|自治区|自治州|自治县|自治旗|地区|街道|苏木|省|市|州|盟|县|旗|区|镇|乡"
# a unit: a short place name and its suffix; 县 may have a one-character name (嵩县, 沛县)
_UNIT = re.compile(rf"([一-鿿]县|[一-鿿]{{2,9}}?(?:{_SUFFIXES}))")
# what never occurs in a place name but often in a department's: 局/委/办…, and a connector
# after the first two characters (住房和城乡建设局; but 和平区, 太和县 are places)
_NOT_PLACE = re.compile(r"[局委办厅部署处队站室组院所]|^..+[和与及]|社$")
_ZONE = re.compile(r"开发区|园区|新区|高新|经济区|试验区|示范区|保税|片区|功能区")
_CENTRAL = re.compile(r"^(国务院|国家|中华人民共和国|中国)|(部|总署|总局|审计署)$")

_LEVEL_OF_SUFFIX = {
    "特别行政区": AgencyLevel.PROVINCIAL,
    "自治区": AgencyLevel.PROVINCIAL,
    "省": AgencyLevel.PROVINCIAL,
    "自治州": AgencyLevel.PREFECTURAL,
    "地区": AgencyLevel.PREFECTURAL,
    "州": AgencyLevel.PREFECTURAL,
    "盟": AgencyLevel.PREFECTURAL,
    "自治县": AgencyLevel.COUNTY,
    "自治旗": AgencyLevel.COUNTY,
    "县": AgencyLevel.COUNTY,
    "旗": AgencyLevel.COUNTY,
    "区": AgencyLevel.COUNTY,
    "街道": AgencyLevel.TOWNSHIP,
    "苏木": AgencyLevel.TOWNSHIP,
    "镇": AgencyLevel.TOWNSHIP,
    "乡": AgencyLevel.TOWNSHIP,
}
_SUFFIX_RE = re.compile(rf"(?:{_SUFFIXES})$")


def administrative_units(name: str) -> list[str]:
    """The administrative units at the front of an agency name, outermost first.

    >>> administrative_units("洛阳市西工区住房和城乡建设局")
    ['洛阳市', '西工区']
    >>> administrative_units("乐清市柳市镇人民政府")
    ['乐清市', '柳市镇']
    >>> administrative_units("桐庐县市场监督管理局")
    ['桐庐县']
    """
    units: list[str] = []
    pos = 0
    name = re.sub(r"\s+", "", name)
    while True:
        m = _UNIT.match(name, pos)
        if m is None or _NOT_PLACE.search(m.group()[:-1]):
            return units
        units.append(m.group())
        pos = m.end()


def _suffix(unit: str) -> str:
    m = _SUFFIX_RE.search(unit)
    return m.group() if m else ""


def infer_level(name: str) -> AgencyLevel:
    """The administrative level of the body named ``name`` (``UNKNOWN`` when the name does not say).

    >>> [infer_level(n).value for n in ("淮安市洪泽区人民政府", "海原县郑旗乡人民政府", "江苏省财政厅",
    ...                                 "宁波市人民政府", "汝州市卫生健康委员会", "教育部", "上海市财政局")]
    ['county', 'township', 'provincial', 'prefectural', 'unknown', 'central', 'provincial']
    """
    name = re.sub(r"\s+", "", name)
    units = administrative_units(name)
    if not units:
        return AgencyLevel.CENTRAL if _CENTRAL.search(name) else AgencyLevel.UNKNOWN
    last = units[-1]
    suffix = _suffix(last)
    if _ZONE.search(last):
        return AgencyLevel.UNKNOWN
    if suffix != "市":
        return _LEVEL_OF_SUFFIX[suffix]
    if last in _MUNICIPALITIES:
        return AgencyLevel.PROVINCIAL
    if len(units) > 1 and _suffix(units[-2]) in ("市", "州", "自治州", "地区", "盟"):
        return AgencyLevel.COUNTY  # a county-level city under its prefecture (苏州市昆山市)
    if last[:-1] in PREFECTURE_CITIES:
        return AgencyLevel.PREFECTURAL
    return AgencyLevel.UNKNOWN
