"""The administrative level read from agency names (levels assigned by hand from the gazetteer)."""

from __future__ import annotations

import pytest

from govdisclosure import AgencyLevel, infer_level
from govdisclosure.agency_level import administrative_units

C, P, F, CO, T, U = (
    AgencyLevel.CENTRAL,
    AgencyLevel.PROVINCIAL,
    AgencyLevel.PREFECTURAL,
    AgencyLevel.COUNTY,
    AgencyLevel.TOWNSHIP,
    AgencyLevel.UNKNOWN,
)

# names printed by real reports (the corpus and the unseen-layout fixtures) and well-known bodies
CASES = [
    ("海原县郑旗乡人民政府", T),
    ("淮安市洪泽区人民政府", CO),
    ("淮安市人民政府", F),
    ("沭阳县发展和改革局", CO),
    ("桐庐县市场监督管理局", CO),  # 市场 is part of the department, not a city
    ("武汉市江岸区城市管理执法局", CO),
    ("宁波市人民政府", F),
    ("洛阳市西工区住房和城乡建设局", CO),  # 城乡 is not a township
    ("桐乡市乌镇镇人民政府", T),
    ("乐清市柳市镇人民政府", T),  # 市 inside a town's name
    ("汝州市卫生健康委员会", U),  # a county-level city: not said by the name alone
    ("恩施市林业局", U),
    ("洛阳市嵩县住房和城乡建设局", CO),  # a one-character county name
    ("洛阳市瀍河回族区住房和城乡建设局", CO),
    ("苏州市吴中区民政局", CO),
    ("济南市市中区财政局", CO),
    ("荆州市沙市区人民政府", CO),
    ("天津市和平区人民政府", CO),
    ("太和县人民政府", CO),
    ("南京市建邺区发展和改革委员会", CO),
    ("北京市海淀区人民政府", CO),
    ("上海市财政局", P),
    ("江苏省财政厅", P),
    ("内蒙古自治区人民政府", P),
    ("延边朝鲜族自治州人民政府", F),
    ("阿拉善盟行政公署", F),
    ("长阳土家族自治县人民政府", CO),
    ("苏州市昆山市人民政府", CO),
    ("江苏省淮安市人民政府", F),
    ("苏州工业园区管理委员会", U),
    ("城关街道办事处", T),
    ("教育部", C),
    ("国家统计局", C),
    ("海关总署", C),
    ("国务院办公厅", C),
    ("财政局", U),
    ("", U),
]


@pytest.mark.parametrize(("name", "level"), CASES)
def test_infer_level(name: str, level: AgencyLevel) -> None:
    assert infer_level(name) is level


def test_units_stop_where_the_department_starts() -> None:
    assert administrative_units("洛阳市西工区住房和城乡建设局") == ["洛阳市", "西工区"]
    assert administrative_units("佛山市南海区人力资源和社会保障局") == ["佛山市", "南海区"]
    assert administrative_units(" 淳安县 千岛湖镇人民政府") == ["淳安县", "千岛湖镇"]


def test_readers_set_the_level_from_the_agency_name() -> None:
    from corpus_support import CORPUS
    from govdisclosure.reading import read_path

    seed = read_path(CORPUS / "000-haiyuan-zhengqi-2024.txt").report
    assert (seed.agency.name, seed.agency.level) == ("海原县郑旗乡人民政府", T)
    page = read_path(CORPUS / "102-shuyang-fagaiju-2023.html").report
    assert (page.agency.name, page.agency.level) == ("沭阳县发展和改革局", CO)
