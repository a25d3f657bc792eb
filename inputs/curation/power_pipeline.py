"""Power plant pipelines by province: what is approved or being built, for the build limits (issue 11).

A build limit (``power_build_limits``) is a ceiling on annual additions that fleets and supply chains
can deliver. Where a public pipeline exists, it gives that ceiling a cited basis: the capacity under
construction or approved in a province is what its developers, contractors and grid are already
committed to deliver, so a rate of that size is buildable. The figures were read in the sources named
below (Global Energy Monitor trackers stored in a public repository, State Council approvals read in
press reports) and summed by province here; ``power_fleet.build_power_build_limits`` turns them into
rates and states, row by row, which term decides the limit.
"""

from __future__ import annotations

# --- Global Energy Monitor trackers, as stored in pik-piam/PyPSA-China-PIK ---------------------------
PIK_COMMIT = "23db46de1db693b3e8cf10357a37edf4e31ea237"
_PIK_DIR = f"pik-piam/PyPSA-China-PIK@{PIK_COMMIT[:10]}:resources/data/existing_infrastructure"
GCPT = (
    "Global Energy Monitor, Global Coal Plant Tracker July 2023 (CC BY 4.0) via "
    f"{_PIK_DIR}/Global-Coal-Plant-Tracker-July-2023.xlsx (sheet Units)"
)
GGPT = (
    "Global Energy Monitor, Global Gas Plant Tracker February 2023 v2 (the file's About sheet: CC BY-NC-SA 4.0) via "
    f"{_PIK_DIR}/Global-Gas-Plant-Tracker-GGPT-February-2023-v2.xlsx (sheet Gas Units)"
)
GWPT = (
    "Global Energy Monitor, Global Wind Power Tracker May 2023 (CC BY 4.0) via "
    f"{_PIK_DIR}/Global-Wind-Power-Tracker-May-2023.xlsx (sheet Data)"
)

#: the tracker pipelines below are spread over one 5-year model period: the units that state a
#: planned start year give 2023-2026 (coal: 136 of 235 GW; gas: 60 of 81 GW; offshore: 27 of
#: 59 GW, a few 2027-2028), i.e. the pipeline of 2023 is meant to be online within about 5 years
PIPELINE_YEARS = 5.0

#: coal units (Country 'China') with Status 'construction' and 'permitted', 'Capacity (MW)' summed by
#: 'Subnational unit (province, state)', MW: (construction, permitted); read (China: 136,237 MW
#: under construction + 98,940 MW permitted; provinces not listed have neither)
GCPT_PIPELINE_MW: dict[str, tuple[float, float]] = {
    "Anhui": (6010.0, 12620.0), "Chongqing": (780.0, 2100.0), "Fujian": (2550.0, 3735.0),
    "Gansu": (10000.0, 1400.0), "Guangdong": (16560.0, 12552.0), "Guangxi": (7160.0, 3152.8),
    "Guizhou": (7700.0, 4660.0), "Hebei": (2460.0, 9170.0), "Heilongjiang": (100.0, 0.0),
    "Henan": (3930.0, 1320.0), "Hubei": (5810.0, 8700.0), "Hunan": (6060.0, 600.0),
    "Inner Mongolia": (17090.0, 2640.0), "Jiangsu": (10255.0, 4000.0), "Jiangxi": (4104.0, 6060.0),
    "Jilin": (0.0, 340.0), "Liaoning": (760.0, 120.0), "Ningxia": (0.0, 3320.0),
    "Shaanxi": (7000.0, 5320.0), "Shandong": (9350.0, 6660.0), "Shanxi": (3420.0, 4100.0),
    "Tianjin": (0.0, 1320.0), "Xinjiang": (8118.0, 1050.0), "Yunnan": (700.0, 0.0),
    "Zhejiang": (6320.0, 4000.0),
}  # fmt: skip

#: gas-fired units (Country 'China') with Status 'construction' and 'pre-construction',
#: 'Capacity elec. (MW)' summed by 'Subnational unit (province, state)', MW; read
GGPT_PIPELINE_MW: dict[str, tuple[float, float]] = {
    "Anhui": (1900.0, 0.0), "Chongqing": (1400.0, 2590.0), "Guangdong": (19420.0, 22027.0),
    "Hainan": (920.0, 800.0), "Hebei": (1600.0, 1200.0), "Heilongjiang": (160.0, 0.0),
    "Henan": (700.0, 0.0), "Hubei": (375.0, 75.0), "Hunan": (980.0, 1000.0),
    "Jiangsu": (3000.0, 3580.0), "Jilin": (0.0, 830.0), "Shandong": (2580.0, 4090.0),
    "Sichuan": (2800.0, 3147.0), "Tianjin": (0.0, 583.0), "Zhejiang": (1560.0, 3500.0),
}  # fmt: skip

#: largest annual gas-fired capacity commissioned 2015-2022 in the same tracker (Status 'operating',
#: 'Start year' 2015-2022, summed by province and year), MW and the year; read. Provinces not listed
#: commissioned no gas unit in those years in the tracker.
GGPT_RECORD_MW: dict[str, tuple[float, int]] = {
    "Anhui": (120.0, 2018), "Beijing": (998.0, 2017), "Guangdong": (4666.5, 2020), "Guangxi": (210.0, 2017),
    "Hainan": (2424.0, 2022), "Hebei": (453.0, 2019), "Henan": (900.0, 2018), "Hubei": (373.6, 2021),
    "Jiangsu": (4202.0, 2017), "Shanghai": (1380.0, 2015), "Shanxi": (1124.0, 2015),
    "Sichuan": (700.0, 2015), "Tianjin": (930.0, 2019), "Zhejiang": (1366.0, 2015),
}  # fmt: skip

#: offshore wind farms (Country 'China', 'Installation Type' containing 'offshore') with Status
#: 'construction' and 'pre-construction', 'Capacity (MW)' summed by 'State/Province', MW; read
#: (the 416.5 MW 'pre-construction' in Guangxi is the Fangchenggang pilot farm, at sea)
GWPT_OFFSHORE_PIPELINE_MW: dict[str, tuple[float, float]] = {
    "Fujian": (2171.0, 2897.0), "Guangdong": (8213.0, 21305.0), "Guangxi": (0.0, 416.5),
    "Hainan": (2200.0, 4700.0), "Hebei": (0.0, 500.0), "Jiangsu": (803.0, 2206.0),
    "Liaoning": (450.0, 2700.0), "Shandong": (802.5, 4047.5), "Shanghai": (0.0, 1106.0),
    "Tianjin": (0.0, 196.0), "Zhejiang": (1958.0, 2814.0),
}  # fmt: skip

# --- Nuclear: State Council approvals 2022-2025 ------------------------------------------------------
#: (approval, province, site, units, where read). China approved 10, 10, 11 and 10 units in 2022-2025
#: ("10 or more units every year since 2022": People's Daily Online, 28 Apr 2025); every one of them
#: is in a coastal province.
NUCLEAR_APPROVALS: tuple[tuple[str, str, str, int, str], ...] = (
    ("2022-04-20", "Zhejiang", "Sanmen phase II", 2, "CNEA, en.china-nea.cn/site/content/224.html (read)"),
    ("2022-04-20", "Shandong", "Haiyang phase II", 2, "CNEA, en.china-nea.cn/site/content/224.html (read)"),
    ("2022-04-20", "Guangdong", "Lufeng 5-6", 2, "CNEA, en.china-nea.cn/site/content/224.html; azure-international.com "
     "'6 nuclear power units approved by the State Council' (read)"),
    ("2022-09-14", "Fujian", "Zhangzhou phase II", 2, "CNEA, en.china-nea.cn/site/content/263.html (read)"),
    ("2022-09-14", "Guangdong", "Lianjiang phase I", 2, "CNEA, en.china-nea.cn/site/content/263.html (read)"),
    ("2023-07-31", "Fujian", "Ningde", 2, "ecns.cn 2023-08-01 'Three nuclear power projects ...' (read)"),
    ("2023-07-31", "Shandong", "Shidaowan", 2, "ecns.cn 2023-08-01; Bloomberg 2023-08-01 (read)"),
    ("2023-07-31", "Liaoning", "Xudabao", 2, "ecns.cn 2023-08-01; Bloomberg 2023-08-01 (read)"),
    ("2023-12-29", "Guangdong", "Taipingling 3-4", 2, "Yicai Global 2024-01-02 'China greenlights two more reactor "
     "units at Taipingling' (read)"),
    ("2023-12-29", "Zhejiang", "Jinqimen 1-2", 2, "Reuters via zawya.com 2023-12-29 and NEI Magazine (read: the "
     "project, units 1&2 in its EIA); 2 units (transcribed, verify: Yicai counts 8 units approved in 2023, "
     "livemint/Bloomberg 10)"),
    ("2024-08-19", "Jiangsu", "Xuwei phase I", 3, "CCTV / China Energy News via filmanas.com/read_id_1354 (read: "
     "Zhaoyuan, Xuwei, San'ao, Lufeng, Bailong, 11 units, CGN 6 of them); livemint 2024-08-20 (read: CGN 6 at "
     "three sites, CNNC 3, SPIC 2): Xuwei (HTR-PM coupled with PWRs) is the remaining, CNNC site"),
    ("2024-08-19", "Shandong", "Zhaoyuan 1-2", 2, "as above; CGN site (read); 2 units = CGN's 6 less Lufeng 1-2, "
     "shared with San'ao (derived; transcribed, verify)"),
    ("2024-08-19", "Guangdong", "Lufeng 1-2", 2, "Yicai via b2b.wlchinahc.com 2025-12 'Lufeng 1-2 approved 19 Aug "
     "2024' (read)"),
    ("2024-08-19", "Zhejiang", "San'ao 3-4", 2, "as above; CGN site (read); 2 units = CGN's 6 less Lufeng 1-2 and "
     "Zhaoyuan 1-2 (derived; transcribed, verify)"),
    ("2024-08-19", "Guangxi", "Bailong phase I", 2, "as above; SPIC site (read: 国家电投集团旗下广西白龙), SPIC's 2 "
     "units (livemint, read)"),
    ("2025-04-27", "Guangxi", "Fangchenggang phase III", 2, "Hong Kong China News Agency, hkcna.hk 2025-04-28 (read)"),
    ("2025-04-27", "Guangdong", "Taishan phase II", 2, "Hong Kong China News Agency, hkcna.hk 2025-04-28 (read)"),
    ("2025-04-27", "Zhejiang", "Sanmen phase III", 2, "Hong Kong China News Agency, hkcna.hk 2025-04-28 (read)"),
    ("2025-04-27", "Shandong", "Haiyang phase III", 2, "Hong Kong China News Agency, hkcna.hk 2025-04-28 (read)"),
    ("2025-04-27", "Fujian", "Xiapu phase I", 2, "Hong Kong China News Agency, hkcna.hk 2025-04-28 (read)"),
)  # fmt: skip
NUCLEAR_APPROVAL_YEARS = 4.0  # 2022, 2023, 2024, 2025
#: GW per approved unit: the Hualong One and CAP1000 units under construction read in GeoNuclearData
#: (below) are 1,116-1,163 MW, the approved Taipingling 3-4 1,209 MW (Yicai), Bailong 1,250 MW
#: (Yicai via wlchinahc), Xudabao 1,291 MW (ecns); 1.2 GW, as power_national_build_limits uses
NUCLEAR_UNIT_GW = 1.2

GEONUCLEAR = (
    "cristianst85/GeoNuclearData@1bc8b4ac10:data/csv/denormalized/nuclear_power_plants.csv "
    "(Open Database License 1.0; database 0.17.17, 2024-03-03; Status 'Under Construction')"
)
#: units under construction in China in GeoNuclearData, 'Capacity' (MW) summed by the province of the
#: site (the site's province is not a column: named here, e.g. Haiyang, Shidaowan (CAP1400) ->
#: Shandong); read. Their construction began 2013-2023, so they come online within the next period.
NUCLEAR_UNDER_CONSTRUCTION_MW: dict[str, tuple[float, str]] = {
    "Shandong": (5390.0, "Haiyang-3/4 2 x 1,161; CAP1400-1/2 (Shidaowan) 2 x 1,534"),
    "Zhejiang": (4560.0, "Sanmen-3/4 2 x 1,163; Sanaocun-1/2 2 x 1,117"),
    "Fujian": (3494.0, "Zhangzhou-1/2 2 x 1,126; Xiapu-1/2 642 + 600"),
    "Guangdong": (4464.0, "Taipingling-1/2 2 x 1,116; Lufeng-5/6 2 x 1,116"),
    "Guangxi": (1000.0, "Fangchenggang-4 1,000"),
    "Hainan": (2100.0, "Changjiang-3/4 2 x 1,000; Changjiang SMR-1 100"),
    "Liaoning": (3400.0, "Xudabu-1 1,000; Xudabu-3/4 2 x 1,200"),
    "Jiangsu": (2342.0, "Tianwan-7/8 2 x 1,171"),
}  # fmt: skip


def nuclear_approved_units() -> dict[str, int]:
    """Units approved 2022-2025 by province (``NUCLEAR_APPROVALS``)."""
    out: dict[str, int] = {}
    for _, province, _, units, _ in NUCLEAR_APPROVALS:
        out[province] = out.get(province, 0) + units
    return out


def nuclear_approval_detail(province: str) -> str:
    """The approvals of one province, as 'site (units, date: where read)' items."""
    items = [
        f"{site} ({n}, {date}: {where})"
        for date, p, site, n, where in NUCLEAR_APPROVALS
        if p == province
    ]
    return "; ".join(items) if items else "none"


def decide(cited: list[tuple[float, str, str]], fallback: tuple[float, str] | None = None) -> dict:
    """A build limit from terms: the largest cited term, or the stated assumption where it is larger.

    Parameters
    ----------
    cited : list of (gw_per_yr, source, detail)
        Terms that rest on figures read in a source.
    fallback : (gw_per_yr, source), optional
        The rule that applies where no cited term reaches it; ``source`` starts ``assumption:``.

    Returns
    -------
    dict
        ``max_build_gw_per_yr``, ``source`` (of the deciding term) and ``source_detail`` (every
        term, so the row shows what the deciding one exceeds).
    """
    best = max(cited, key=lambda t: t[0]) if cited else (0.0, "", "")
    detail = "; ".join(d for _, _, d in cited)
    if fallback is not None and fallback[0] > best[0]:
        return dict(max_build_gw_per_yr=fallback[0], source=fallback[1], source_detail=detail)
    return dict(
        max_build_gw_per_yr=best[0],
        source=best[1],
        source_detail=f"the largest cited term decides: {detail}",
    )
